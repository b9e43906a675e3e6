// glibc malloc's arena limit (mallopt(3), M_ARENA_MAX). Elsewhere (macOS, musl) there is
// no such setting and the call does nothing.
#if defined(__linux__)
#include <malloc.h>
#endif
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
static inline int vibe_rules_limit_malloc_arenas(int count) { return mallopt(M_ARENA_MAX, count); }
#else
static inline int vibe_rules_limit_malloc_arenas(int count) { (void)count; return 0; }
#endif
