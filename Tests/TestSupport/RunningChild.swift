import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A long-running child (for example `verifierd run`) started with `posix_spawn`, signalled with
/// `kill` and reaped with `waitpid`. Its standard output and error go to files read after exit.
public final class RunningChild: @unchecked Sendable {
  /// The child's process id.
  public let pid: pid_t
  private let stdoutPath: String
  private let stderrPath: String

  private init(pid: pid_t, stdoutPath: String, stderrPath: String) {
    self.pid = pid
    self.stdoutPath = stdoutPath
    self.stderrPath = stderrPath
  }

  /// Starts `path` with `arguments` and `environment` added to this process's environment.
  public static func start(
    _ path: String, _ arguments: [String], environment: [String: String] = [:]
  ) throws -> RunningChild {
    let folder = FileManager.default.temporaryDirectory.path
    let stdout = folder + "/child-out-\(UUID().uuidString)"
    let stderr = folder + "/child-err-\(UUID().uuidString)"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    let envp = merged.map { strdup("\($0.key)=\($0.value)") }
    defer { for entry in envp { free(entry) } }
    let argv = ([path] + arguments).map { strdup($0) }
    defer { for arg in argv { free(arg) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, argv + [nil], envp + [nil])
    guard spawned == 0 else { throw TestSetupError("could not start \(path): errno \(spawned)") }
    return RunningChild(pid: pid, stdoutPath: stdout, stderrPath: stderr)
  }

  /// Sends `signal` (for example `SIGTERM` or `SIGKILL`).
  public func send(_ signal: Int32) {
    kill(pid, signal)
  }

  /// Waits for the child to exit (on a thread of its own, so the caller's executor is free) and
  /// returns what it left; the status is 128 + the signal number when a signal killed it.
  public func wait() async -> ChildProcess.Result {
    let pid = pid
    let status: Int32 = await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        continuation.resume(returning: status)
      }
    }
    let signal = status & 0x7f
    let result = ChildProcess.Result(
      status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
      output: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
      errors: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
    try? FileManager.default.removeItem(atPath: stdoutPath)
    try? FileManager.default.removeItem(atPath: stderrPath)
    return result
  }
}
