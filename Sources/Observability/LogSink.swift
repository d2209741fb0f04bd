import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where ``StructuredLogHandler`` writes its lines: standard error in the daemon, a closure in
/// tests. Each call receives one complete line, newline included.
public struct LogSink: Sendable {
  private let writeLine: @Sendable (String) -> Void

  /// A sink that hands every line to `write`.
  public init(_ write: @escaping @Sendable (String) -> Void) {
    writeLine = write
  }

  /// Writes one line (which ends with a newline).
  public func write(_ line: String) {
    writeLine(line)
  }

  /// Standard error, unbuffered: each line goes out in `write(2)` calls made under a lock, so
  /// lines from concurrent tasks never interleave (journald takes each line as one record).
  public static let standardError: LogSink = {
    let lock = Mutex(())
    return LogSink { line in
      var line = line
      lock.withLock { _ in
        line.withUTF8 { bytes in
          var offset = 0
          while offset < bytes.count {
            let written = systemWrite(2, bytes.baseAddress! + offset, bytes.count - offset)
            if written > 0 {
              offset += written
            } else if written < 0 && errno == EINTR {
              continue
            } else {
              return  // standard error is gone; nothing better to do with a log line
            }
          }
        }
      }
    }
  }()
}

/// `write(2)`, named apart from ``LogSink/write(_:)``.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(fd, bytes, count)
  #else
    Darwin.write(fd, bytes, count)
  #endif
}
