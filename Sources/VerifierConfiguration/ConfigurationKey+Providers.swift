import Providers
import Verification

extension ConfigurationKey {
  /// The values of `*.rate_limit_scope`.
  static let rateLimitScopes = ["fleet", "process"]

  static let finicity: [ConfigurationKey] =
    finicityClient + flow("finicity", \.verification.finicity, base: .finicityDefault)

  static let finicityClient: [ConfigurationKey] =
    [
      .init(
        "finicity.base_url", .text,
        default: .of(FinicityConfiguration(partnerId: "", partnerSecret: "", appKey: "").baseURL),
        live: true, "base URL", .finicityBaseURL),
      .init(
        "finicity.partner_id", .text, default: .value(.text("")), live: true, "partner id",
        .field(\.finicity.partnerId)),
      .init(
        "finicity.partner_secret", .secret, default: .unset("none"), live: true, "partner secret",
        .field(\.finicity.partnerSecret)),
      .init(
        "finicity.partner_secret_file", .text, default: .unset("none"), live: true,
        "file holding the partner secret (older form; prefer the credential)", nil),
      .init(
        "finicity.partner_secret_env", .text, default: .value(.text("FINICITY_PARTNER_SECRET")),
        live: true, "variable holding the partner secret (older form)", nil),
      .init(
        "finicity.app_key", .secret, default: .unset("none"), live: true, "Finicity-App-Key",
        .field(\.finicity.appKey)),
      .init(
        "finicity.app_key_file", .text, default: .unset("none"), live: true,
        "file holding the app key (older form)", nil),
      .init(
        "finicity.app_key_env", .text, default: .value(.text("FINICITY_APP_KEY")), live: true,
        "variable holding the app key (older form)", nil),
    ]
    + rateLimit("finicity", "Finicity", rate: \.finicityRate, scope: \.finicityRateScope) + [
      .init(
        "finicity.max_attempts", .integer(1...10),
        default: .of(ProviderSettings.finicityDefault.maxAttempts), live: true,
        "verification attempts when Finicity does not say",
        .field(\.verification.finicity.maxAttempts)),
      .init(
        "finicity.pending_limit_seconds", .seconds(anyTime),
        default: .of(ProviderSettings.finicityDefault.pendingLimit), live: true,
        "a job whose deposits have not settled this long after initiation ends expired (after one last details read)",
        .field(\.verification.finicity.pendingLimit)),
    ]

  static let folio: [ConfigurationKey] =
    folioClient + flow("folio", \.verification.folio, base: .folioDefault)

  static let folioClient: [ConfigurationKey] =
    [
      .init(
        "folio.base_url", .text, default: .value(.text("https://api.uat.foliofn.com")), live: true,
        "base URL", .folioBaseURL),
      .init(
        "folio.api_key", .text, default: .value(.text("")), live: true,
        "the key named in the signature (not secret)", .field(\.folioAPIKey)),
      .init(
        "folio.shared_secret", .secret, default: .unset("none"), live: true, "signing secret",
        .field(\.folioSharedSecret)),
      .init(
        "folio.shared_secret_file", .text, default: .unset("none"), live: true,
        "file holding the signing secret (older form)", nil),
      .init(
        "folio.shared_secret_env", .text, default: .value(.text("FOLIO_SHARED_SECRET")),
        live: true, "variable holding the signing secret (older form)", nil),
    ]
    + rateLimit("folio", "Folio", rate: \.folioRate, scope: \.folioRateScope) + [
      .init(
        "folio.start_delay_seconds", .seconds(anyTime),
        default: .of(ProviderSettings.folioDefault.startDelay), live: true,
        "a Folio job awaits amounts this long after insert", .field(\.verification.folio.startDelay)
      )
    ]

  /// A provider's `rate_per_second` and `rate_limit_scope`.
  static func rateLimit(
    _ provider: String, _ name: String,
    rate: WritableKeyPath<RuntimeConfiguration, Double> & Sendable,
    scope: WritableKeyPath<RuntimeConfiguration, String> & Sendable
  ) -> [ConfigurationKey] {
    [
      .init(
        "\(provider).rate_per_second", .rate(10_000), default: .value(.number(20)), live: true,
        "\(name) calls per second for the whole fleet (scope fleet) or this daemon (process)",
        .field(rate)),
      .init(
        "\(provider).rate_limit_scope", .choice(rateLimitScopes), default: .value(.text("fleet")),
        live: true,
        "fleet: one limit shared through the database by every daemon; process: this daemon's own bucket",
        .field(scope)),
    ]
  }

  /// A provider's `flow` keys, with `base`'s values as their defaults.
  static func flow(
    _ provider: String,
    _ settings: WritableKeyPath<RuntimeConfiguration, ProviderSettings> & Sendable,
    base: ProviderSettings
  ) -> [ConfigurationKey] {
    [
      .init(
        "\(provider).flow.expiry_seconds", .seconds(anyTime), default: .of(base.expiry),
        live: true, "local expiry after entering awaiting_amounts", .field(settings, \.expiry)),
      .init(
        "\(provider).flow.reminder_offsets_seconds", .secondsList(anyTime),
        default: .of(base.prompts.reminderOffsets), live: true,
        "reminder prompts after entering awaiting_amounts",
        .field(settings, \.prompts.reminderOffsets)),
      .init(
        "\(provider).flow.last_chance_lead_seconds", .seconds(anyTime),
        default: .of(base.prompts.lastChanceLead), live: true,
        "the last-chance prompt this long before the expiry",
        .field(settings, \.prompts.lastChanceLead)),
    ]
  }
}
