// The executable's writable data (.data and .bss), written in before the process has more
// than one thread: madvise(2) MADV_POPULATE_WRITE (Linux 5.14).
//
// The Swift runtime's once-tokens and metadata caches live there. Its first read of such a
// page maps it read-only (the zero page for .bss, the file's page for .data), and its first
// write then replaces that mapping: a copy-on-write fault that flushes the TLB of every core
// the process runs on, by inter-processor interrupts, once the process has several threads.
// Written in at the start, the pages are the process's own before any other thread exists.
//
// Returns madvise's result: 0, or -1 with errno set (EINVAL on kernels before 5.14, where
// nothing is done). Elsewhere (macOS, or a C library without glibc's `__data_start`),
// returns -1 and does nothing.
#if defined(__linux__)
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
// glibc's start files define `__data_start` at the start of .data; the linker defines `_end`
// after .bss. Weak, so a C library without them links and the function does nothing.
extern char __data_start[] __attribute__((weak));
extern char _end[] __attribute__((weak));
// The page-aligned range from .data's start to .bss's end; 0 and 0 when it is not known.
static inline void vibe_rules_writable_data_range(uintptr_t *start, uintptr_t *end) {
  *start = 0;
  *end = 0;
  if (__data_start == 0 || _end == 0 || _end <= __data_start) return;
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  *start = (uintptr_t)__data_start & ~(page - 1);
  *end = ((uintptr_t)_end + page - 1) & ~(page - 1);
}
static inline int vibe_rules_prefault_writable_data(void) {
  uintptr_t start, end;
  vibe_rules_writable_data_range(&start, &end);
  if (start == end) return -1;
  return madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}
#else
#include <stdint.h>
static inline void vibe_rules_writable_data_range(uintptr_t *start, uintptr_t *end) { *start = 0; *end = 0; }
static inline int vibe_rules_prefault_writable_data(void) { return -1; }
#endif
