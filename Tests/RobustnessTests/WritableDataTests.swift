import CWritableData
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Globals of this test binary, in its .data (initialised) and .bss (zero).
nonisolated(unsafe) var writableDataSample: (Int, Int, Int) = (0x5eed, -7, 1 << 40)
nonisolated(unsafe) var zeroDataSample: (Int, Int) = (0, 0)

/// `vibe_rules_prefault_writable_data` (called first in `main`, `WritableData`) faults the
/// executable's .data and .bss in for writing and changes nothing in them.
@Suite struct WritableDataTests {
  #if os(Linux)
  @Test func theWholeRangeIsResidentAfterwardsAndTheDataUnchanged() throws {
    var start: UInt = 0
    var end: UInt = 0
    vibe_rules_writable_data_range(&start, &end)
    #expect(start != 0 && end > start, "glibc's __data_start and the linker's _end are known")
    let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
    #expect(start % page == 0 && end % page == 0)
    let before = writableDataSample
    let result = vibe_rules_prefault_writable_data()
    // EINVAL: a kernel before 5.14, which has no MADV_POPULATE_WRITE; nothing is done.
    #expect(result == 0 || errno == EINVAL, "madvise failed with errno \(errno)")
    #expect(writableDataSample == before)
    #expect(zeroDataSample == (0, 0))
    guard result == 0 else { return }
    let pages = Int((end - start) / page)
    var resident = [UInt8](repeating: 0, count: pages)
    let status = mincore(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), &resident)
    #expect(status == 0)
    #expect(resident.allSatisfy { $0 & 1 == 1 }, "\(resident.filter { $0 & 1 == 0 }.count) of \(pages) pages not resident")
    // Again: the pages are already there.
    #expect(vibe_rules_prefault_writable_data() == 0)
  }
  #endif
}
