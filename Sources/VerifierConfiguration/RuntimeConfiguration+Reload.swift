extension RuntimeConfiguration {
  /// This configuration with the value of every live key (SIGHUP) taken from `fresh`; the other
  /// keys keep their values. ``ConfigurationKey/live`` alone decides which.
  public func reloaded(from fresh: RuntimeConfiguration) -> RuntimeConfiguration {
    var result = self
    for key in ConfigurationKey.all where key.live {
      guard let binding = key.binding, let value = binding.read(fresh) else { continue }
      binding.write(&result, value)
    }
    return result
  }

  /// The live keys whose values differ in `fresh`: what ``reloaded(from:)`` changes.
  public func liveKeysChanged(in fresh: RuntimeConfiguration) -> [String] {
    ConfigurationKey.all.filter { $0.live && $0.value(in: self) != $0.value(in: fresh) }.map(
      \.name)
  }

  /// The keys that need a restart whose values differ in `fresh` (SIGHUP cannot apply them).
  public func restartKeysChanged(in fresh: RuntimeConfiguration) -> [String] {
    ConfigurationKey.all.filter { !$0.live && $0.value(in: self) != $0.value(in: fresh) }.map(
      \.name)
  }
}
