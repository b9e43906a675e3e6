// zlib (Debian: zlib1g-dev), used to count the uncompressed bytes of gzip image layers.
#include <zlib.h>
