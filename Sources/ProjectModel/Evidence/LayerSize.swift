import CZlib
import Foundation

/// The uncompressed size of one image layer blob: its own size for an uncompressed tar,
/// the inflated size for gzip (every member of a multi-member gzip, as eStargz writes,
/// counted; zero padding after the last member allowed). zstd layers are refused: zlib
/// cannot read them, and guessing would not be evidence.
///
/// Reference: OCI image spec, "Image Layer Filesystem Changeset" media types
/// (`application/vnd.oci.image.layer.v1.tar`, `+gzip`, `+zstd`),
/// https://github.com/opencontainers/image-spec/blob/main/layer.md; gzip member format,
/// RFC 1952.
enum LayerSize {
  enum Problem: Error, Equatable {
    case unsupported(String)
    case corrupt(String)
  }

  enum Compression { case none, gzip, zstd }

  /// What the first bytes of a blob say it is.
  static func compression(of head: [UInt8]) -> Compression {
    if head.count >= 2 && head[0] == 0x1f && head[1] == 0x8b { return .gzip }
    if head.count >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd { return .zstd }
    return .none
  }

  /// What inflating may still spend in one archive: the bytes it inflates plus the
  /// compressed bytes it reads (zero padding included), in all. Spent as layers are
  /// measured.
  struct Budget {
    var bytes: UInt64
  }

  /// A layer's measured size: `size` bytes, and whether the budget ran out first (then
  /// `size` is the count so far, a lower bound).
  struct Measure: Equatable {
    var size: UInt64
    var complete = true
  }

  /// The uncompressed size of `member` of `archive`, in bytes. A gzip layer is inflated
  /// within `budget`, which it spends.
  static func uncompressed(_ member: TarArchive.Member, in archive: TarArchive, budget: inout Budget) throws -> Measure {
    guard member.size > 0 else { return Measure(size: 0) }
    let head = try archive.bytes(at: member.offset, count: Int(min(member.size, 4)))
    switch compression(of: head) {
    case .none: return Measure(size: member.size)
    case .zstd: throw Problem.unsupported("layer \(member.name) is zstd-compressed; vibe-rules reads uncompressed and gzip layers only (save the image with `docker save`, or export it with gzip compression)")
    case .gzip:
      // Read with pread into one buffer, handed back each time (the caller lets go of it
      // before the next read, so it is not copied): a Data per read cost a page fault per
      // page of every megabyte.
      let descriptor = archive.handle.fileDescriptor
      var buffer = [UInt8](repeating: 0, count: 1 << 20)
      var position = member.offset
      var remaining = member.size
      do {
        return try inflatedSize(budget: &budget) { maximum in
          guard remaining > 0 else { return nil }
          let count = Int(min(UInt64(min(maximum, buffer.count)), remaining))
          var filled = 0
          while filled < count {
            let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(position) + off_t(filled)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw Problem.corrupt("layer \(member.name) ends early") }
            filled += got
          }
          position += UInt64(count)
          remaining -= UInt64(count)
          return count == buffer.count ? buffer : Array(buffer[..<count])
        }
      } catch Problem.corrupt(let message) where !message.hasPrefix("layer ") {
        // Which layer: an archive has several.
        throw Problem.corrupt("layer \(member.name): \(message)")
      }
    }
  }

  /// Whether `buffer` holds only zero bytes from `start` (a word at a time).
  static func allZero(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    var index = start
    let raw = UnsafeRawBufferPointer(buffer)
    while index + 8 <= buffer.count {
      if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) != 0 { return false }
      index += 8
    }
    while index < buffer.count {
      if buffer[index] != 0 { return false }
      index += 1
    }
    return true
  }

  /// The number of bytes the gzip stream `read` yields (chunk by chunk, nil at the end)
  /// inflates to. Inflating stops once the bytes inflated and read pass `budget.bytes`:
  /// the measure is then incomplete, its size the count so far.
  /// - Throws: `Problem.corrupt` for data zlib rejects, a truncated stream, or bytes after
  ///   the last member that are neither a new member nor zero padding to the end.
  static func inflatedSize(budget: inout Budget, _ read: (Int) throws -> [UInt8]?) throws -> Measure {
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw Problem.corrupt("zlib could not start")
    }
    defer { inflateEnd(&stream) }
    let capacity = 1 << 18
    let output = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    defer { output.deallocate() }
    var total: UInt64 = 0
    var spent: UInt64 = 0  // inflated plus read
    var betweenMembers = false
    var padding = false
    var sawInput = false
    var complete = true
    defer { budget.bytes -= min(spent, budget.bytes) }
    while let chunk = try read(1 << 20) {
      guard spent <= budget.bytes, UInt64(chunk.count) <= budget.bytes - spent else {
        complete = false
        break
      }
      spent += UInt64(chunk.count)
      sawInput = sawInput || !chunk.isEmpty
      try chunk.withUnsafeBufferPointer { input in
        var position = 0
        while position < input.count, spent <= budget.bytes {
          if betweenMembers {
            if padding || input[position] == 0 {
              guard allZero(input, from: position) else { throw Problem.corrupt("bytes after the zero padding that ends the gzip stream") }
              padding = true
              position = input.count
              break
            }
            guard input[position] == 0x1f else { throw Problem.corrupt("bytes after the end of the gzip stream") }
            guard inflateReset(&stream) == Z_OK else { throw Problem.corrupt("zlib could not restart") }
            betweenMembers = false
          }
          // zlib reads `next_in`, never writes it.
          stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + position)
          stream.avail_in = UInt32(input.count - position)
          stream.next_out = output
          stream.avail_out = UInt32(capacity)
          let status = inflate(&stream, Z_NO_FLUSH)
          total += UInt64(capacity - Int(stream.avail_out))
          spent += UInt64(capacity - Int(stream.avail_out))
          position = input.count - Int(stream.avail_in)
          switch status {
          case Z_OK: continue
          case Z_STREAM_END: betweenMembers = true
          case Z_BUF_ERROR where stream.avail_in == 0: position = input.count
          default:
            let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
            throw Problem.corrupt("gzip data is corrupt (\(message))")
          }
        }
      }
    }
    if !complete || spent > budget.bytes { return Measure(size: total, complete: false) }
    guard sawInput, betweenMembers else { throw Problem.corrupt("the gzip stream ends before its end marker") }
    return Measure(size: total)
  }
}
