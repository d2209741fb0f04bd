import Providers

extension ConfigurationKey {
  /// Where a key's value lives in a ``RuntimeConfiguration``: how to read it and write it.
  struct Binding: Sendable {
    /// The key's value in a configuration; `nil` when unset.
    let read: @Sendable (RuntimeConfiguration) -> ConfigurationValue?
    /// Writes a checked value into a configuration.
    let write: @Sendable (inout RuntimeConfiguration, ConfigurationValue) -> Void

    /// A binding to one field.
    static func field<Value: ConfigurationFieldValue>(
      _ path: WritableKeyPath<RuntimeConfiguration, Value> & Sendable
    ) -> Binding {
      Binding(
        read: { $0[keyPath: path].configurationValue },
        write: { configuration, value in
          if let converted = Value(configurationValue: value) {
            configuration[keyPath: path] = converted
          }
        })
    }

    /// A binding to the field `inner` of the value at `outer` (a provider's flow settings).
    static func field<Outer, Value: ConfigurationFieldValue>(
      _ outer: WritableKeyPath<RuntimeConfiguration, Outer> & Sendable,
      _ inner: WritableKeyPath<Outer, Value> & Sendable
    ) -> Binding {
      Binding(
        read: { $0[keyPath: outer][keyPath: inner].configurationValue },
        write: { configuration, value in
          if let converted = Value(configurationValue: value) {
            configuration[keyPath: outer][keyPath: inner] = converted
          }
        })
    }

    /// The Finicity base URL, normalised as ``FinicityConfiguration`` does it.
    static let finicityBaseURL = Binding(
      read: { .text($0.finicity.baseURL) },
      write: { configuration, value in
        guard let url = String(configurationValue: value) else { return }
        let old = configuration.finicity
        configuration.finicity = FinicityConfiguration(
          baseURL: url, partnerId: old.partnerId, partnerSecret: old.partnerSecret,
          appKey: old.appKey, tokenRenewAfter: old.tokenRenewAfter)
      })

    /// The Folio base URL, normalised as ``FolioConfiguration`` does it.
    static let folioBaseURL = Binding(
      read: { .text($0.folio.baseURL) },
      write: { configuration, value in
        guard let url = String(configurationValue: value) else { return }
        configuration.folio = FolioConfiguration(
          baseURL: url, amountFractionDigits: configuration.folio.amountFractionDigits)
      })
  }
}

extension ConfigurationKey.Default {
  /// A library's own default (`PollSchedule().firstDelay`), so that no default is written twice.
  static func of<Value: ConfigurationFieldValue>(_ value: Value) -> Self {
    value.configurationValue.map { .value($0) } ?? .unset("none")
  }
}
