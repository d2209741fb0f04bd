extension RuntimeConfiguration {
  /// Every key at its default (no file, no environment).
  public static let defaults = resolved([:], environment: [:])

  /// A configuration from checked `values` by key name; every other key takes its default, in
  /// the order of ``ConfigurationKey/all`` (a derived default sees the keys before it).
  static func resolved(_ values: [String: ConfigurationValue], environment: [String: String])
    -> RuntimeConfiguration
  {
    var configuration = RuntimeConfiguration(unset: ())
    for key in ConfigurationKey.all {
      guard let binding = key.binding else { continue }
      let value =
        values[key.name]
        ?? key.defaultValue.resolve(configuration, environment: environment)
      if let value { binding.write(&configuration, value) }
    }
    configuration.http.connectionsPerHost = configuration.maxInFlight
    return configuration
  }
}
