import Foundation

/// glibc's allocator gives threads that allocate at once arenas of their own, up to eight per
/// core, and memory freed in one arena is not reused by another: the daemon's threads (event
/// loops, Dispatch workers, the task pool) then hold more memory than they use. Two arenas cost
/// nothing measurable in throughput and lower peak RSS (docs/PERFORMANCE.md). `MALLOC_ARENA_MAX`
/// in the environment, when set, wins.
enum MallocArenas {
  /// Caps the arenas glibc may create from now on.
  static func limit(to count: Int32 = 2) {
    #if os(Linux)
      guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return }
      _ = glibcMallopt(mArenaMax, count)
    #endif
  }

  /// `M_ARENA_MAX` of glibc's `<malloc.h>` (which the Glibc module does not export).
  private static let mArenaMax: Int32 = -8
}

#if os(Linux)
  /// glibc's `int mallopt(int param, int value)`.
  @_silgen_name("mallopt")
  private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
