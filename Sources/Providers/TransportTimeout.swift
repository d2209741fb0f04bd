import AsyncHTTPClient
import NIOCore

/// The one rule for which transport errors mean "no answer in time" (AsyncHTTPClient's deadlines
/// and timeouts, NIO's connect timeout), shared by the provider clients and the webhook sender.
public enum TransportTimeout {
  /// Whether `error` is a timeout rather than a failed or broken connection.
  public static func matches(_ error: any Error) -> Bool {
    if let clientError = error as? HTTPClientError {
      switch clientError {
      case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
        .getConnectionFromPoolTimeout:
        return true
      default:
        return false
      }
    }
    if let channelError = error as? ChannelError, case .connectTimeout = channelError {
      return true
    }
    return false
  }
}
