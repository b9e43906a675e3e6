/// Separates the `--flags` that follow an instruction keyword from its arguments.
///
/// Flags are the words starting with `--` right after the keyword. Quotes inside a flag are
/// removed and `\` takes the next character literally (BuildKit hard-codes the backslash
/// here, whatever the escape directive says). A bare `--` ends the flags and is dropped.
/// Mirrors `extractBuilderFlags` in BuildKit's `frontend/dockerfile/parser/split_command.go`.
enum FlagScanner {
  struct Flag {
    var text: String
    /// Offset of the flag's first scalar in the scanned text.
    var offset: Int
  }

  /// Scans `scalars[start..<end]`; returns the flags and where the arguments begin
  /// (`end` when nothing follows the flags).
  static func scan(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> (flags: [Flag], rest: Int) {
    enum Phase { case spaces, word, quote }
    var flags: [Flag] = []
    var phase = Phase.spaces
    var word: [Unicode.Scalar] = []
    var wordStart = start
    var quote: Unicode.Scalar = "\""
    var blankOK = false
    var position = start

    func finishWord() {
      if blankOK || !word.isEmpty { flags.append(Flag(text: Scalars.string(word), offset: wordStart)) }
    }

    while true {
      if phase == .spaces {
        if position == end { break }
        let scalar = scalars[position]
        if Scalars.isSpace(scalar) {
          position += 1
          continue
        }
        if scalar != "-" || position + 1 == end || scalars[position + 1] != "-" {
          return (flags, position)
        }
        phase = .word
        wordStart = position
      }
      if position == end {
        if word != ["-", "-"] { finishWord() }
        break
      }
      let scalar = scalars[position]
      if phase == .word {
        if Scalars.isSpace(scalar) {
          phase = .spaces
          if word == ["-", "-"] { return (flags, position) }
          finishWord()
          word = []
          blankOK = false
          position += 1
          continue
        }
        if scalar == "'" || scalar == "\"" {
          quote = scalar
          blankOK = true
          phase = .quote
          position += 1
          continue
        }
        if scalar == "\\" {
          if position + 1 == end {
            position += 1
            continue
          }
          position += 1
        }
        word.append(scalars[position])
        position += 1
        continue
      }
      // Inside quotes.
      if scalar == quote {
        phase = .word
        position += 1
        continue
      }
      if scalar == "\\" {
        if position + 1 == end {
          phase = .word
          position += 1
          continue
        }
        position += 1
      }
      word.append(scalars[position])
      position += 1
    }
    return (flags, end)
  }
}
