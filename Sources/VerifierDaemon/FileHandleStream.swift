import Foundation

/// Writes text to standard error.
enum FileHandleStream {
  case standardError

  func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
