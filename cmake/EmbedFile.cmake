# embed_file(INPUT SYMBOL OUTPUT): writes OUTPUT defining
#   const unsigned char SYMBOL[]; const unsigned long SYMBOL_len;
# holding INPUT's bytes followed by a NUL. Re-runs configure when INPUT changes.
function(embed_file input symbol output)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${input})
  file(READ ${input} hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR len "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
  file(WRITE ${output}.tmp "/* generated from ${input}; do not edit */\nconst unsigned char ${symbol}[] = {\n${body}0x00};\nconst unsigned long ${symbol}_len = ${len};\n")
  configure_file(${output}.tmp ${output} COPYONLY)
endfunction()
