#include <stdio.h>
#include "itakit/itakit.h"

int main(void)
{
	printf("itakit %s\n", itakit_version());
	return 0;
}
