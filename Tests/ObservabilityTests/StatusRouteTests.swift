import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Observability
import Prometheus
import Synchronization
import Testing

/// The status routes of the observability server over real HTTP, with pages that say which
/// job they were asked for.
@Suite("Observability server: the status page routes")
struct StatusRouteTests {
  final class Pages: StatusPages {
    let asked = Mutex<[Int64]>([])

    func overview() async -> StatusPageAnswer {
      StatusPageAnswer(status: 200, html: "<!DOCTYPE html><title>overview</title>")
    }

    func job(id: Int64) async -> StatusPageAnswer {
      asked.withLock { $0.append(id) }
      return id == 404
        ? StatusPageAnswer(status: 404, html: "no job")
        : StatusPageAnswer(status: 200, html: "job \(id)")
    }
  }

  static func request(_ port: Int, _ path: String, method: HTTPMethod = .GET) async throws
    -> (status: Int, type: String?, policy: String?, body: String)
  {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
    request.method = method
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 1 << 20)
    return (
      Int(response.status.code), response.headers.first(name: "content-type"),
      response.headers.first(name: "content-security-policy"), String(buffer: body)
    )
  }

  @Test("GET / and /jobs/ID answer the pages' HTML with a policy that allows no script")
  func routes() async throws {
    let pages = Pages()
    let server = try await ObservabilityServer.start(
      port: 0, registry: PrometheusCollectorRegistry(), readiness: { .ready }, pages: pages)
    let overview = try await Self.request(server.port, "/")
    let job = try await Self.request(server.port, "/jobs/17")
    let missing = try await Self.request(server.port, "/jobs/404")
    let notANumber = try await Self.request(server.port, "/jobs/1%3Cb%3E")
    let negative = try await Self.request(server.port, "/jobs/-3")
    let posted = try await Self.request(server.port, "/", method: .POST)
    await server.stop()
    #expect(overview.status == 200)
    #expect(overview.type == "text/html; charset=utf-8")
    #expect(overview.policy == ObservabilityServer.pagePolicy)
    #expect(ObservabilityServer.pagePolicy.contains("default-src 'none'"))
    #expect(!ObservabilityServer.pagePolicy.contains("script-src"))
    #expect(overview.body.contains("<title>overview</title>"))
    #expect(job.status == 200 && job.body == "job 17")
    #expect(missing.status == 404)
    #expect(notANumber.status == 404 && negative.status == 404)
    #expect(posted.status != 200, "the pages are read-only")
    #expect(pages.asked.withLock { $0 } == [17, 404])
  }

  @Test("without pages, / is not found")
  func noPages() async throws {
    let server = try await ObservabilityServer.start(
      port: 0, registry: PrometheusCollectorRegistry(), readiness: { .ready })
    let status = try await Self.request(server.port, "/").status
    await server.stop()
    #expect(status == 404)
  }
}
