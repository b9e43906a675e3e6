// C's fixed-point formatting of a double ("%.*f", ISO C 7.21.6.1), called with its
// arguments typed: from Swift, `String(format:)` and `withVaList` box each argument as a
// `CVarArg` and cast it at run time, which cost more than the formatting.
#include <stdio.h>
static inline int vibe_rules_format_fixed(char *buffer, size_t size, int digits, double value) {
  return snprintf(buffer, size, "%.*f", digits, value);
}
