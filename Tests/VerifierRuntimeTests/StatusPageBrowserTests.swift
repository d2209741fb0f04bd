import AsyncHTTPClient
import Foundation
import TestSupport
import Testing
import Verification

/// The status page of a running `verifierd run`, rendered by headless Chromium
/// (`scripts/browser-check`): its content, its links to job timelines, and no console error,
/// exception, policy violation or failed load.
@Suite("Status page in a real browser")
struct StatusPageBrowserTests {
  /// What `scripts/browser-check` reports of one page.
  struct Report: Decodable {
    var url: String
    var status: Int?
    var title: String
    var text: String
    var svg: Int
    var links: [String]
    var scripts: Int
    var refresh: String?
    var problems: [String]
  }

  static var script: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scripts/browser-check").path
  }

  /// Renders `urls` in Chromium; fails the test when it could not.
  static func render(_ urls: [String]) throws -> [Report] {
    let result = try ChildProcess.run(script, urls)
    guard result.status == 0 else {
      throw TestSetupError(
        "scripts/browser-check exited \(result.status) (scripts/install-deps installs chromium):"
          + " \(result.errors)")
    }
    return try result.output.split(separator: "\n").map {
      try JSONDecoder().decode(Report.self, from: Data($0.utf8))
    }
  }

  @Test("the page of a daemon with a verified job, a held one, a parked one and a dead webhook")
  func pageInChromium() async throws {
    try await withStack { stack in
      let customer = try await Customer.start(stack)
      let port = try FreePort.pick()
      let config = try DaemonProcess.configFile(
        stack,
        [
          "metrics": ["listen": "127.0.0.1:\(port)"],
          "fraud": [
            "accounts_per_customer": ["limit": 1, "window_seconds": 86_400, "action": "hold"],
            "customers_per_account": ["action": "off"],
            "failed_verifications_per_customer": ["action": "off"],
          ],
        ])
      defer { try? FileManager.default.removeItem(atPath: config) }
      let verified = try await stack.insertFinicity(
        account: "55500011", customer: "7005", ref: "<script>alert(1)</script>")
      let held = try await stack.insertFinicity(account: "55500029", customer: "7005", ref: "right")
      let parked = try await stack.insertFinicity(
        account: "55500037", customer: "7006", ref: "right")
      try await stack.database.run("ALTER TABLE verifier.jobs DISABLE TRIGGER USER")
      try await stack.database.run("UPDATE verifier.jobs SET data = '[]' WHERE id = \(parked)")
      try await stack.database.run("ALTER TABLE verifier.jobs ENABLE TRIGGER USER")
      try await stack.database.run(
        """
        INSERT INTO verifier.outbox (event_id, endpoint, job_id, sequence, type, provider, data,
                                     status, attempts, last_error)
        VALUES (gen_random_uuid(), 'crm', \(verified), 1, 'verification.initiated', 'finicity',
                '{}', 'dead', 12, 'HTTP 500 from the receiver')
        """)
      let daemon = try DaemonProcess.start(config: config)
      let reports: [Report]
      do {
        try await stack.waitUntilFinished([verified])
        try await stack.waitFor("the held and the parked job") {
          let rows = try await stack.database.run(
            """
            SELECT (SELECT state FROM verifier.jobs WHERE id = \(held)) = 'held'
               AND EXISTS (SELECT 1 FROM verifier.events WHERE job_id = \(parked) AND kind = 'alert')
               AS ok
            """)
          return try rows[0].decode("ok")
        }
        let base = "http://127.0.0.1:\(port)"
        reports = try Self.render([
          base + "/", base + "/jobs/\(verified)", base + "/jobs/\(held)", base + "/jobs/99999999",
        ])
        // The raw documents too: no account number in any of them, whatever the browser shows.
        for path in ["/", "/jobs/\(verified)", "/jobs/\(held)"] {
          let response = try await stack.http.execute(
            HTTPClientRequest(url: base + path), timeout: .seconds(10))
          #expect(
            response.headers.first(name: "content-security-policy")?.contains("default-src 'none'")
              == true)
          let body = String(buffer: try await response.body.collect(upTo: 4 << 20))
          for secret in ["55500011", "55500029", "55500037", Sample.routing, "sandbox-app-key"] {
            #expect(!body.contains(secret), "\(path) shows \(secret)")
          }
          #expect(!body.contains("<script"), "\(path) holds a script element")
        }
      } catch {
        daemon.send(SIGKILL)
        _ = await daemon.wait()
        await customer.stop()
        throw error
      }
      daemon.send(SIGTERM)
      _ = await daemon.wait()
      await customer.stop()

      #expect(reports.count == 4)
      for report in reports.prefix(3) {
        #expect(report.problems.isEmpty, "\(report.url): \(report.problems)")
        #expect(report.scripts == 0, "\(report.url) runs a script")
      }
      let overview = reports[0]
      #expect(overview.status == 200)
      #expect(overview.title == "verifierd status")
      #expect(overview.refresh == "30")
      for text in [
        "Alerts", "held by a fraud rule", "accounts_per_customer", "dead webhook deliveries", "crm",
        "parked or needing an operator", "The queue now", "Leases per daemon",
        "Shared provider rate limits", "Funnel of the jobs enqueued", "Outcomes by hour",
        "Provider calls by hour", "Webhook backlog", "Micro-entry return rate",
      ] {
        #expect(overview.text.contains(text), "the overview lacks \(text)")
      }
      #expect(overview.svg >= 6, "charts: \(overview.svg)")
      for id in [verified, held, parked] {
        #expect(overview.links.contains("/jobs/\(id)"), "no link to job \(id): \(overview.links)")
      }
      let timeline = reports[1]
      #expect(timeline.status == 200)
      #expect(timeline.text.contains("state verified, outcome verified"))
      #expect(timeline.text.contains("ref <script>alert(1)</script>"))
      #expect(timeline.text.contains("provider_call"))
      #expect(reports[2].text.contains("state held"))
      #expect(reports[2].text.contains("fraud rule accounts_per_customer"))
      #expect(reports[3].status == 404)
      #expect(
        reports[3].problems.allSatisfy { $0.contains("status of 404") }, "\(reports[3].problems)")
      #expect(reports[3].text.contains("no job 99999999"))
    }
  }
}
