// A thread started off the calling thread's CPU (Linux: pthread_attr_setaffinity_np(3)),
// so that it runs at once on another core: Linux starts a new thread on its creator's
// core, where it waits for the creator's time slice (benchmarks/RESULTS.md, "Where new
// threads land"). The thread lets itself run wherever the process may once started
// (vibe_rules_run_anywhere). Elsewhere (macOS) a plain detached thread.
#include <pthread.h>
#if defined(__linux__)
#include <sched.h>
#include <unistd.h>
// GNU extensions, declared here in case <pthread.h> and <sched.h> were read without
// _GNU_SOURCE.
extern int pthread_attr_setaffinity_np(pthread_attr_t *attributes, size_t size, const cpu_set_t *set);
extern int sched_getcpu(void);
extern int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set);
extern int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set);
#endif

/// The stack a thread started here gets, in bytes: 8 MiB, whatever `ulimit -s` says
/// (glibc's default for new threads), so that the deepest template the loaders accept
/// reads as it does on the main thread.
#define VIBE_RULES_THREAD_STACK (8UL * 1024 * 1024)

/// Starts `body(argument)` on a new detached thread, off the calling thread's CPU where
/// the process may run on another (its affinity mask, as `taskset` sets it); 0 on
/// success, else an error number (pthread_create(3)).
static inline int vibe_rules_start_thread_elsewhere(void *(*body)(void *), void *argument) {
  pthread_attr_t attributes;
  int result = pthread_attr_init(&attributes);
  if (result != 0) return result;
  (void)pthread_attr_setstacksize(&attributes, VIBE_RULES_THREAD_STACK);
#if defined(__linux__)
  cpu_set_t set;
  int here = sched_getcpu();
  if (here >= 0 && here < (int)(8 * sizeof set) && sched_getaffinity(0, sizeof set, &set) == 0) {
    const int bits = 8 * (int)sizeof(set.__bits[0]);
    set.__bits[here / bits] &= ~(1UL << (here % bits));
    int others = 0;
    for (size_t word = 0; word < sizeof set.__bits / sizeof set.__bits[0]; word++) others |= set.__bits[word] != 0;
    if (others) (void)pthread_attr_setaffinity_np(&attributes, sizeof set, &set);
  }
#endif
  pthread_t thread;
  result = pthread_create(&thread, &attributes, body, argument);
  pthread_attr_destroy(&attributes);
  if (result == 0) pthread_detach(thread);
  return result;
}

/// Lets the calling thread run wherever the process's main thread may (its affinity
/// mask: the main thread's id is the process id).
static inline void vibe_rules_run_anywhere(void) {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(getpid(), sizeof set, &set) == 0) (void)sched_setaffinity(0, sizeof set, &set);
#endif
}
