import Hummingbird
import NIOCore

/// Hummingbird's basic request context plus the connection, so the server can end a connection
/// the HTTP parser can no longer read (after a `CONNECT` it expects a tunnel, not requests).
struct SandboxRequestContext: RequestContext {
  /// Hummingbird's own per-request storage.
  var coreContext: CoreRequestContextStorage
  /// The connection the request came on.
  let channel: any Channel

  init(source: ApplicationRequestContextSource) {
    self.coreContext = .init(source: source)
    self.channel = source.channel
  }
}
