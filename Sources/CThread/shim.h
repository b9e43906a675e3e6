// A thread started off the calling thread's CPU (Linux: pthread_attr_setaffinity_np(3)),
// so that it runs at once on another core: Linux starts a new thread on its creator's
// core, where it waits for the creator's time slice (benchmarks/RESULTS.md, "Where new
// threads land"). The thread lets itself run anywhere once started
// (vibe_rules_run_anywhere). Elsewhere (macOS) a plain detached thread.
#include <pthread.h>
#include <string.h>
#if defined(__linux__)
#include <sched.h>
#include <unistd.h>
// GNU extensions, declared here in case <pthread.h> and <sched.h> were read without
// _GNU_SOURCE.
extern int pthread_attr_setaffinity_np(pthread_attr_t *attributes, size_t size, const cpu_set_t *set);
extern int sched_getcpu(void);
#endif

/// Starts `body(argument)` on a new detached thread, off the calling thread's CPU where
/// the system has another; 0 on success, else an error number (pthread_create(3)).
static inline int vibe_rules_start_thread_elsewhere(void *(*body)(void *), void *argument) {
  pthread_attr_t attributes;
  int result = pthread_attr_init(&attributes);
  if (result != 0) return result;
#if defined(__linux__)
  cpu_set_t set;
  memset(&set, 0, sizeof set);
  const long bits = 8 * (long)sizeof(set.__bits[0]);
  int here = sched_getcpu();
  long count = sysconf(_SC_NPROCESSORS_ONLN);
  int others = 0;
  for (long cpu = 0; cpu < count && cpu < (long)(8 * sizeof set); cpu++) {
    if (cpu == here) continue;
    set.__bits[cpu / bits] |= 1UL << (cpu % bits);
    others++;
  }
  if (here >= 0 && others > 0) (void)pthread_attr_setaffinity_np(&attributes, sizeof set, &set);
#endif
  pthread_t thread;
  result = pthread_create(&thread, &attributes, body, argument);
  pthread_attr_destroy(&attributes);
  if (result == 0) pthread_detach(thread);
  return result;
}

/// Lets the calling thread run on every CPU again.
static inline void vibe_rules_run_anywhere(void) {
#if defined(__linux__)
  cpu_set_t set;
  memset(&set, 0xff, sizeof set);
  (void)sched_setaffinity(0, sizeof set, &set);
#endif
}
