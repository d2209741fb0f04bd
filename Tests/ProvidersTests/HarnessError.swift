import Foundation
import ProviderSandbox
import Testing

@testable import Providers

enum HarnessError: Error { case controlFailed(String) }
