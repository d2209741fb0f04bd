import Foundation
import Hummingbird
import Logging
import NIOCore

/// The sandbox served over HTTP by Hummingbird, startable in-process.
public final class ProviderSandboxServer: Sendable {
  /// The state and behaviour behind the server.
  public let engine: SandboxEngine
  /// The bound port.
  public let port: Int
  /// The bound host.
  public let host: String
  private let task: Task<Void, any Error>

  private init(engine: SandboxEngine, host: String, port: Int, task: Task<Void, any Error>) {
    self.engine = engine
    self.host = host
    self.port = port
    self.task = task
  }

  /// Base URL of the running sandbox, e.g. `http://127.0.0.1:53012`.
  public var baseURL: String { "http://\(host):\(port)" }

  struct StartupFailed: Error {}
  struct ConnectionCut: Error {}

  /// Starts the sandbox and returns once it listens.
  public static func start(_ configuration: SandboxConfiguration, logger: Logger? = nil)
    async throws
    -> ProviderSandboxServer
  {
    let engine = SandboxEngine(configuration: configuration)
    let (ports, continuation) = AsyncStream<Int?>.makeStream()
    var quiet = Logger(label: "provider-sandbox")
    quiet.logLevel = .critical
    let app = Application(
      responder: CallbackResponder<SandboxRequestContext> { request, context in
        var response = try await respond(to: request, engine: engine)
        if request.method == .connect {
          // The parser now expects a tunnel and would read no further request: answer (404,
          // no endpoint takes CONNECT), then end the connection instead of leaving it open.
          response.headers[.connection] = "close"
          context.channel.close(mode: .input, promise: nil)
        }
        return response
      },
      configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
      onServerRunning: { channel in continuation.yield(channel.localAddress?.port) },
      logger: logger ?? quiet
    )
    let task = Task {
      do { try await app.run() } catch {
        continuation.yield(nil)
        throw error
      }
      continuation.yield(nil)
    }
    var iterator = ports.makeAsyncIterator()
    guard let first = await iterator.next(), let port = first else {
      task.cancel()
      throw StartupFailed()
    }
    return ProviderSandboxServer(engine: engine, host: configuration.host, port: port, task: task)
  }

  /// Stops the server; hung calls are cancelled.
  public func stop() async {
    task.cancel()
    _ = try? await task.value
  }

  /// Blocks until the server stops (for the executable).
  public func wait() async throws {
    try await task.value
  }

  static func respond(to request: Request, engine: SandboxEngine) async throws -> Response {
    let plan = await engine.handle(try await sandboxRequest(request))
    if plan.delay > .zero { try await Task.sleep(for: plan.delay) }
    switch plan.action {
    case .respond(let reply):
      var fields = HTTPFields()
      for (name, value) in reply.headers {
        if let fieldName = HTTPFields.Element.Name(name) {
          fields.append(HTTPFields.Element(name: fieldName, value: value))
        }
      }
      fields[.contentLength] = String(reply.body.count)
      return Response(
        status: .init(code: reply.status), headers: fields,
        body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    case .hang(let duration):
      try await Task.sleep(for: duration)
      return Response(status: .gatewayTimeout)
    case .stallBody(let duration):
      var fields = HTTPFields()
      fields[.contentType] = "application/json"
      return Response(
        status: .ok, headers: fields,
        body: ResponseBody(contentLength: 4096) { writer in
          try await writer.write(ByteBuffer(string: SandboxAction.cutBodyStart))
          try await Task.sleep(for: duration)
          throw ConnectionCut()
        })
    case .reset:
      var fields = HTTPFields()
      fields[.contentType] = "application/json"
      return Response(
        status: .ok, headers: fields,
        body: ResponseBody(contentLength: 4096) { writer in
          try await writer.write(ByteBuffer(string: SandboxAction.cutBodyStart))
          throw ConnectionCut()
        })
    }
  }

  /// The request as the engine takes it. The body is read up to ``SandboxRequestRules/bodyLimit``:
  /// a longer one is marked too large (the engine answers the provider's documented 400, and
  /// Hummingbird discards the rest of it) instead of failing the call with a 500. Errors of the
  /// connection itself (a parse error, a peer gone) are rethrown: Hummingbird answers a parse
  /// error with a 400 and closes.
  static func sandboxRequest(_ request: Request) async throws -> SandboxRequest {
    var body: [UInt8] = []
    var tooLarge = false
    do {
      let buffer = try await request.body.collect(upTo: SandboxRequestRules.bodyLimit)
      body = Array(buffer.readableBytesView)
    } catch is NIOTooManyBytesError {
      tooLarge = true
    }
    return SandboxRequest(
      method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
      headerFields: request.headers.map { ($0.name.canonicalName, $0.value) }, body: body,
      bodyTooLarge: tooLarge)
  }
}
