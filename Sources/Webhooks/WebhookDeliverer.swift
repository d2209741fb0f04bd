import Dispatch
import JobQueue
import Logging

/// The delivery worker: claims due deliveries from the outbox (up to `maxInFlight` at once, on a
/// connection of its own), POSTs each signed to its endpoint, and writes back what became of it
/// under the retry policy. It never touches the verification flow: the flow only wakes it
/// (``wake()``) after committing events, and otherwise it looks every poll interval.
///
/// Deliveries run concurrently, each in a task of its own, so a slow receiver holds only its
/// own deliveries; the claim itself keeps each job's events in order for each endpoint.
public actor WebhookDeliverer {
  /// What became of one attempt, and how long the POST took (for metrics).
  public typealias Observer = @Sendable (OutboxCompletion, Duration) -> Void

  let store: OutboxStore
  let sender: WebhookSender
  let settings: WebhookSettings
  let endpoints: [String: WebhookEndpoint]
  let logger: Logger
  let observe: Observer
  private let signals: AsyncStream<Void>
  private nonisolated let signal: AsyncStream<Void>.Continuation
  private var inFlight = 0
  /// Completions waiting to be written, and whether a write is under way (group commit: the
  /// completions that arrive while one batch is written go together in the next).
  private var completions: [OutboxCompletion] = []
  private var writing = false
  /// Whether the last claim filled every free place (more may be due).
  private var claimFilled = false
  private var stopping = false
  private var idle: [CheckedContinuation<Void, Never>] = []
  private var timer: DispatchSourceTimer?
  private var loop: Task<Void, Never>?

  /// Creates a deliverer over `store` for `settings`' endpoints; ``start()`` starts it.
  public init(
    store: OutboxStore, settings: WebhookSettings, sender: WebhookSender? = nil,
    logger: Logger = Logger(label: "verifierd.webhooks"), observe: @escaping Observer = { _, _ in }
  ) {
    self.store = store
    self.settings = settings
    self.sender = sender ?? WebhookSender(connectionsPerHost: settings.maxInFlight)
    self.endpoints = Dictionary(settings.endpoints.map { ($0.name, $0) }) { first, _ in first }
    self.logger = logger
    self.observe = observe
    (signals, signal) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
  }

  /// Starts looking for deliveries: now, on every ``wake()`` and every poll interval.
  public func start() {
    guard loop == nil, !endpoints.isEmpty else { return }
    let timer = DispatchSource.makeTimerSource(queue: .global())
    let signal = signal
    timer.setEventHandler { signal.yield() }
    let every = max(0.01, settings.pollInterval.seconds)
    timer.schedule(deadline: .now() + every, repeating: every, leeway: .milliseconds(10))
    timer.resume()
    self.timer = timer
    let signals = signals
    loop = Task {
      for await _ in signals { await self.fill() }
    }
    signal.yield()
  }

  /// Deliveries may be due: look now (cheap; many wakes while one look runs make one more).
  public nonisolated func wake() {
    signal.yield()
  }

  /// Stops claiming, waits for the deliveries in flight (each bounded by its endpoint's timeout)
  /// and shuts the HTTP client down. A delivery cut short is delivered again once its lease
  /// runs out, with the same event id.
  public func stop() async {
    stopping = true
    timer?.cancel()
    timer = nil
    signal.finish()
    await loop?.value
    if inFlight > 0 {
      await withCheckedContinuation { idle.append($0) }
    }
    try? await sender.shutdown()
    await store.connection.close()
  }

  /// Claims what fits under the bound and starts each delivery.
  private func fill() async {
    guard !stopping, inFlight < settings.maxInFlight else { return }
    let room = settings.maxInFlight - inFlight
    let claimed: [OutboxDelivery]
    do {
      claimed = try await store.claim(
        endpoints: Array(endpoints.keys), limit: room, leaseDuration: settings.leaseDuration)
    } catch {
      logger.warning("claiming webhook deliveries failed", metadata: ["error": "\(error)"])
      return
    }
    for delivery in claimed {
      guard let endpoint = endpoints[delivery.endpoint] else { continue }
      inFlight += 1
      Task { await self.deliver(delivery, to: endpoint) }
    }
    // A full claim may have left more due: look again at once, and again as places free up.
    claimFilled = claimed.count == room
    if claimFilled { signal.yield() }
  }

  /// One attempt and its write-back.
  private nonisolated func deliver(_ delivery: OutboxDelivery, to endpoint: WebhookEndpoint) async {
    let clock = ContinuousClock()
    let started = clock.now
    let result = await sender.send(delivery, to: endpoint)
    let took = clock.now - started
    var random = SystemRandomNumberGenerator()
    let completion = settings.policy.completion(for: delivery, result: result, using: &random)
    log(completion)
    observe(completion, took)
    await completed(completion)
  }

  /// Queues a completion for the next batch, starting the writer when none runs.
  private func completed(_ completion: OutboxCompletion) {
    completions.append(completion)
    guard !writing else { return }
    writing = true
    Task { await self.writeCompletions() }
  }

  /// Writes the waiting completions, batch after batch, until none is left; each batch's
  /// deliveries then leave the in-flight count.
  private func writeCompletions() async {
    while !completions.isEmpty {
      let batch = completions
      completions = []
      var unblocked = false
      do {
        unblocked = try await store.complete(batch).unblocked
      } catch {
        // The leases run out and the deliveries are made again: at least once.
        logger.warning(
          "recording webhook deliveries failed",
          metadata: ["deliveries": "\(batch.count)", "error": "\(error)"])
      }
      ended(batch.count, unblocked: unblocked)
    }
    writing = false
  }

  private nonisolated func log(_ completion: OutboxCompletion) {
    let metadata: Logger.Metadata = [
      "endpoint": "\(completion.delivery.endpoint)", "event_id": "\(completion.delivery.eventID)",
      "job_id": "\(completion.delivery.jobID)", "type": "\(completion.delivery.type)",
      "attempt": "\(completion.delivery.attempts)", "result": "\(completion.error ?? "delivered")",
    ]
    switch completion.status {
    case .delivered: logger.debug("webhook delivered", metadata: metadata)
    case .pending: logger.info("webhook delivery failed; retrying", metadata: metadata)
    case .dead: logger.error("webhook delivery dead", metadata: metadata)
    }
  }

  /// `count` deliveries are done; look for more when one of them let a job's next event go, or
  /// when the last claim left deliveries waiting for a place (anything else new comes with a
  /// wake-up from the flow, or the poll).
  private func ended(_ count: Int, unblocked: Bool) {
    inFlight -= count
    if inFlight == 0, stopping {
      for waiter in idle { waiter.resume() }
      idle = []
    }
    if !stopping, unblocked || claimFilled { signal.yield() }
  }
}
