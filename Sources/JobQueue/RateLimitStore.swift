import Foundation
import Verification

/// One provider's fleet-wide rate limit in `verifier.rate_limits`: every lease and every
/// refusal is one transaction that locks the provider's row, applies ``FleetRateLaw`` in Swift
/// on the database's clock, and writes the row back. So every daemon on the database shares
/// one bucket, and a daemon that dies holds nothing (it keeps no permits).
public struct RateLimitStore: Sendable {
  /// The connection the transactions run on (its own, so leases never queue behind claims).
  public let connection: PGConnection
  /// `finicity` or `folio`.
  public let provider: Provider
  /// The law applied to the row.
  public let law: FleetRateLaw

  /// A store for `provider`'s row over `connection`.
  public init(connection: PGConnection, provider: Provider, law: FleetRateLaw) {
    self.connection = connection
    self.provider = provider
    self.law = law
  }

  /// Leases up to `want` permits for a daemon configured at `configuredRate`; returns the grant
  /// and the row as it was left.
  public func lease(want: Int, configuredRate: Double) async throws -> (FleetGrant, FleetRate) {
    let law = law
    let (grant, state, _) = try await update(
      configuredRate: configuredRate, operation: "lease permits"
    ) { state, now in
      law.lease(&state, want: want, configuredRate: configuredRate, now: now)
    }
    return (grant, state)
  }

  /// Records a refusal for the provider's limit (a pause, a lower rate); returns whether it
  /// began a pause (the provider was not paused already) and the row. `permitGeneration`: the
  /// generation the refused call's permit was granted in, when known.
  public func refused(
    retryAfter: Duration?, cause: String, configuredRate: Double, permitGeneration: Int64? = nil
  ) async throws -> (pauseBegan: Bool, FleetRate) {
    let law = law
    let (_, state, began) = try await update(
      configuredRate: configuredRate, operation: "record a refusal"
    ) { state, now in
      law.refused(
        &state, retryAfter: retryAfter, cause: String(cause.prefix(100)), now: now,
        permitGeneration: permitGeneration)
    }
    return (began, state)
  }

  /// Locks the row (creating it full at first use), applies `change` at the database's time,
  /// and writes the row back, in one transaction; returns `change`'s value, the row, and
  /// whether the change began a pause (the provider was not paused before it, and is after).
  private func update<T: Sendable>(
    configuredRate: Double, operation: String,
    _ change: @escaping @Sendable (inout FleetRate, Timestamp) -> T
  ) async throws -> (T, FleetRate, pauseBegan: Bool) {
    let provider = provider.rawValue
    let batch = law.batch
    return try await connection.withTransaction { session in
      var found = try session.query(Self.lockSQL, [provider], operation: operation)
      if found.count == 0 {
        try session.query(
          Self.createSQL, [provider, configuredRate, Double(batch)], operation: operation)
        found = try session.query(Self.lockSQL, [provider], operation: operation)
      }
      guard found.count == 1 else {
        throw PGError(
          kind: .decoding, operation: operation, message: "no rate limit row for \(provider)")
      }
      let row = found[0]
      var state = try Self.state(row)
      let clock = Timestamp(microsecondsSinceEpoch: try row.decode("now_us", as: Int64.self))
      // Another daemon may have written a later instant while this one waited for the lock.
      let now = max(clock, state.refilledAt)
      let wasPaused = state.isPaused(at: now)
      let value = change(&state, now)
      let began = !wasPaused && state.isPaused(at: now)
      try session.query(
        Self.writeSQL, Self.parameters(provider, state, pauseBegan: began), operation: operation)
      return (value, state, began)
    }
  }
}
