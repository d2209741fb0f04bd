import ArgumentParser
import AsyncHTTPClient
import DemoSupport
import Foundation
import JobQueue

/// `demo-driver`: enqueues the demo's verifications, plays the customers, shows progress and
/// reports outcomes against expectations. Exit status 1 when any job ended other than expected
/// or not at all. (`scripts/demo` starts PostgreSQL, the sandbox and the daemon around it.)
@main
struct DemoDriver: AsyncParsableCommand {
  @Option(help: "The demo database (libpq URI).") var databaseURL: String
  @Option(help: "The provider sandbox's base URL.") var sandboxURL: String
  @Option(help: "How many verifications to enqueue.") var jobs = 300
  @Option(help: "Give up after this many seconds.") var timeout = 110
  @Option(help: "Enqueue only the input of this name (for example \"fin right\"), not every kind.")
  var only: String?

  func run() async throws {
    let configuration = PGConfiguration(connectionString: databaseURL)
    let database = PGConnection(configuration: configuration)
    let http = HTTPClient(eventLoopGroupProvider: .singleton)
    let sandbox = SandboxControl(baseURL: sandboxURL, http: http)
    let customer = DemoCustomer(
      database: PGConnection(configuration: configuration), sandbox: sandbox)
    let listener = PGListener(configuration: configuration, channels: [VerifierChannel.prompts]) {
      event in
      if case .notification(let note) = event { customer.prompted(note.payload) }
    }
    try await listener.start()
    let hooks = DemoWebhookCustomer(
      database: PGConnection(configuration: configuration), sandbox: sandbox, customer: customer)
    let watching = Task {
      while !Task.isCancelled {
        do { try await hooks.poll() } catch { print("webhook watch failed: \(error)") }
        try? await Task.sleep(for: .milliseconds(200))
      }
    }
    let clock = ContinuousClock()
    let start = clock.now
    let cases = DemoScenario.cases.filter { only == nil || $0.name == only }
    guard !cases.isEmpty else {
      throw ValidationError("no input is named \(only ?? ""): see DemoScenario.cases")
    }
    let enqueued = try await DemoScenario.enqueue(
      total: jobs, cases: cases, database: database, sandbox: sandbox)
    print("enqueued \(enqueued) verifications (\(cases.count) kinds of input)")
    let report = DemoReport(database: database)
    var finished = 0
    while finished < enqueued, clock.now - start < .seconds(timeout) {
      let progress = try await report.progress(total: enqueued, elapsed: clock.now - start)
      print(progress.line)
      finished = progress.finished
      if finished < enqueued { try await Task.sleep(for: .seconds(2)) }
    }
    await listener.stop()
    watching.cancel()
    await watching.value
    await customer.finish()
    print("the customer submitted \(customer.submissions) sets of amounts")
    let unexpected = try await report.outcomes()
    try await report.stages()
    let webhookProblems = try await hooks.report()
    try await http.shutdown()
    if finished < enqueued {
      print("\nFAILED: \(enqueued - finished) jobs did not finish within \(timeout) s")
      throw ExitCode(1)
    }
    if unexpected > 0 {
      print("\nFAILED: \(unexpected) jobs ended other than expected")
      throw ExitCode(1)
    }
    if webhookProblems > 0 {
      print("\nFAILED: the webhooks above fell short")
      throw ExitCode(1)
    }
    print("\nOK: every job ended as its input said it would, every event arrived once, in order")
  }
}
