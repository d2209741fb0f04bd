extension ConfigurationKey {
  /// The value a key takes when no source sets it.
  public enum Default: Sendable {
    /// This value.
    case value(ConfigurationValue)
    /// Computed, when the key is not set, from the keys before it in ``ConfigurationKey/all``
    /// (already resolved) and the process environment; the text says how. `nil` leaves it unset.
    case derived(
      String, @Sendable (RuntimeConfiguration, [String: String]) -> ConfigurationValue?)
    /// None: the key stays unset; the text says what that means.
    case unset(String)

    /// The default as the documentation says it.
    public func text(_ kind: ValueKind) -> String {
      switch self {
      case .value(.text("")): return "empty"
      case .value(let value): return ValueKind.plain(value)
      case .derived(let text, _), .unset(let text): return text
      }
    }

    /// The value for an unset key, given what is resolved so far.
    func resolve(_ configuration: RuntimeConfiguration, environment: [String: String])
      -> ConfigurationValue?
    {
      switch self {
      case .value(let value): return value
      case .derived(_, let derive): return derive(configuration, environment)
      case .unset: return nil
      }
    }
  }
}
