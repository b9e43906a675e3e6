import CWritableData

/// The executable's writable data (.data and .bss), faulted in at the start of `main`.
///
/// The Swift runtime writes its once-tokens and metadata caches there on first use. Each
/// first write to a page it had only read is a copy-on-write fault, and once the process
/// has several threads the kernel flushes every core's TLB for it by inter-processor
/// interrupts, which a virtual machine pays dearly for. Faulting the pages in for writing
/// while `main` is the only thread (madvise(2) `MADV_POPULATE_WRITE`, Linux 5.14 and
/// later; about 1.4 MB in the static release build) takes them out of the run: on `report`
/// over this repository, 2 to 3 ms less kernel time and 0.8 to 0.9 ms less wall time
/// (benchmarks/RESULTS.md, "Writable data faulted in at the start").
enum WritableData {
  /// Faults the pages in; on an older kernel, or without glibc, does nothing. The data
  /// itself is unchanged.
  static func prefault() {
    _ = vibe_rules_prefault_writable_data()
  }
}
