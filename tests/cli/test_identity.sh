#!/usr/bin/env bash
# End-to-end: unit identity. Municipalities that share a name in three
# provinces stay three units with three reports and three index rows; a
# name under two groups without codes is refused unless declared.
. "$(dirname "$0")/lib.sh"
N="เทศบาลตำบลบ้านใหม่"
in="$work/banmai.csv"
{
	echo "รหัสหน่วยงาน,หน่วยงาน,กลุ่ม,ปี,ตัวชี้วัด,คะแนน"
	echo "5001,$N,นครราชสีมา,2565,overall,91.00"
	echo "6002,$N,ลำปาง,2565,overall,80.50"
	echo "7003,$N,พระนครศรีอยุธยา,2565,overall,70.00"
	echo "5001,$N,นครราชสีมา,2566,overall,92.25"
	echo "6002,$N,ลำปาง,2566,overall,59.50"
	echo "7003,$N,พระนครศรีอยุธยา,2566,overall,77.00"
} >"$in"

expect_status 0 "$ITAKIT" check "$in"
expect_in "$work/out" "ok: 3 units"
expect_status 0 "$ITAKIT" analyze "$in" --format csv --year 2566
[ "$(grep -c ",overall," "$work/out")" -eq 3 ] && ok || bad "analyze lists $(grep -c ",overall," "$work/out") units, not 3"
# no invented change: each unit's change is its own (92.25-91.00, 59.50-80.50, 77.00-70.00)
for c in 5001,นครราชสีมา,2566,overall,ภาพรวม,92.25,0,7.25,1.25 6002,ลำปาง,2566,overall,ภาพรวม,59.50,1,-25.50,-21.00 \
	7003,พระนครศรีอยุธยา,2566,overall,ภาพรวม,77.00,1,-8.00,7.00; do expect_in "$work/out" "$c"; done

# the shared name alone does not say which unit
expect_status 2 "$ITAKIT" analyze "$in" --unit "$N"
expect_in "$work/err" "names 3 units; give the unit code instead: 5001 (นครราชสีมา) 6002 (ลำปาง) 7003"
expect_status 0 "$ITAKIT" analyze "$in" --unit 6002 --year 2566 --format json
expect_in "$work/out" "59.5"

expect_status 0 "$ITAKIT" batch "$in" --year 2566 -d "$work/b" -j 1 --quiet
for c in 5001 6002 7003; do [ -s "$work/b/reports/$c.pdf" ] && ok || bad "no report for $c"; done
[ "$(grep -c "$N" "$work/b/index.csv")" -eq 3 ] && ok || bad "index.csv has $(grep -c "$N" "$work/b/index.csv") rows of $N"

# without codes: one name in two groups is an error naming the rows...
cut -d, -f2- "$in" >"$work/nocode.csv"
expect_status 2 "$ITAKIT" check "$work/nocode.csv"
expect_in "$work/err" "nocode.csv:3:"
expect_in "$work/err" "is in group 'ลำปาง' here but in group 'นครราชสีมา' on line 2"
expect_in "$work/err" "--identity name+group"
# ...unless name and group are declared the identity
expect_status 0 "$ITAKIT" check "$work/nocode.csv" --identity name+group
expect_in "$work/out" "ok: 3 units"
expect_status 0 "$ITAKIT" analyze "$work/nocode.csv" --identity name+group --year 2566 --format csv
for c in ,นครราชสีมา,2566,overall,ภาพรวม,92.25,0,7.25,1.25 ,ลำปาง,2566,overall,ภาพรวม,59.50,1,-25.50,-21.00; do
	expect_in "$work/out" "$c"; done
expect_status 2 "$ITAKIT" check "$work/nocode.csv" --identity name
expect_in "$work/err" "--identity: expected code"
finish
