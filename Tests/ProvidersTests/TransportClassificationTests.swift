import AsyncHTTPClient
import NIOCore
import Testing

@testable import Providers

@Suite struct TransportClassificationTests {
  @Test func sortsTransportErrors() {
    #expect(ProviderHTTPClient.classify(HTTPClientError.deadlineExceeded) == .timeout)
    #expect(ProviderHTTPClient.classify(HTTPClientError.connectTimeout) == .timeout)
    #expect(
      ProviderHTTPClient.classify(HTTPClientError.remoteConnectionClosed) == .connectionFailed)
    #expect(ProviderHTTPClient.classify(NIOTooManyBytesError(maxBytes: 1)) == .responseTooLarge)
    #expect(ProviderHTTPClient.classify(ChannelError.connectTimeout(.seconds(1))) == .timeout)
  }
}
