extension SandboxEngine {
  /// The whole handling of one request without a socket, for fuzzing and tests: the same request
  /// conversion as the server (header names lower-cased, repeated ones joined, a body over the
  /// 1 MiB limit refused), the same faults, rules, routes and state changes.
  ///
  /// Faults that break the connection come back as what a client would have got: a hang as the
  /// `504` the server sends when the hang ends (without waiting for it), a reset or stalled body
  /// as a `200` whose body is the bytes sent before the cut. Latency is not waited for either.
  public func respond(
    method: String, path: String, query: String, headers: [(String, String)], body: [UInt8]
  ) -> SandboxResponse {
    let request = SandboxRequest(
      method: method, path: path, query: query, headerFields: headers, body: body)
    switch handle(request).action {
    case .respond(let response):
      return response
    case .hang:
      return SandboxResponse(status: 504)
    case .reset, .stallBody:
      return SandboxResponse(
        status: 200, headers: [("Content-Type", "application/json")],
        body: Array(SandboxAction.cutBodyStart.utf8))
    }
  }
}
