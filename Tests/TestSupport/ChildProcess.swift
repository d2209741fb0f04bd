import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program to completion with `posix_spawn` and `waitpid`, its standard output captured in
/// a file. (Foundation's `Process.waitUntilExit` does not see children exit inside the test
/// runner on Linux.)
public enum ChildProcess {
  /// What a finished child left.
  public struct Result: Sendable {
    /// The exit status (128 + signal number when killed by a signal).
    public var status: Int32
    /// Everything it wrote to standard output.
    public var output: String
    /// Everything it wrote to standard error.
    public var errors: String
  }

  /// Runs `path` with `arguments` and waits for it to exit.
  public static func run(_ path: String, _ arguments: [String]) throws -> Result {
    let folder = FileManager.default.temporaryDirectory
    let stdout = folder.appendingPathComponent("child-out-\(UUID().uuidString)")
    let stderr = folder.appendingPathComponent("child-err-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: stdout)
      try? FileManager.default.removeItem(at: stderr)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderr.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([path] + arguments).map { strdup($0) }
    defer { for arg in argv { free(arg) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, argv + [nil], environ)
    guard spawned == 0 else { throw TestSetupError("could not start \(path): errno \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let signal = status & 0x7f
    return Result(
      status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
      output: (try? String(contentsOf: stdout, encoding: .utf8)) ?? "",
      errors: (try? String(contentsOf: stderr, encoding: .utf8)) ?? "")
  }

  /// The folder of the running test bundle, where SwiftPM also puts the package's executables.
  public static var productsFolder: String {
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: executable).deletingLastPathComponent().path
  }
}
