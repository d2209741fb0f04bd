// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "verifierd",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "verifierd", targets: ["VerifierDaemon"]),
    .executable(name: "provider-sandbox", targets: ["ProviderSandbox"]),
    .library(name: "JobQueue", targets: ["JobQueue"]),
    .library(name: "Verification", targets: ["Verification"]),
    .library(name: "Providers", targets: ["Providers"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibPQ",
      pkgConfig: "libpq",
      providers: [.apt(["libpq-dev"])]
    ),
    .target(
      name: "JobQueue",
      dependencies: [
        "CLibPQ",
        .product(name: "Logging", package: "swift-log"),
      ],
      resources: [
        .embedInCode("Migrations")
      ]
    ),
    .target(name: "Verification"),
    .target(name: "Providers"),
    .executableTarget(
      name: "VerifierDaemon",
      dependencies: [
        "JobQueue",
        "Verification",
        "Providers",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(name: "ProviderSandbox"),
    .target(name: "TestSupport", dependencies: ["JobQueue"], path: "Tests/TestSupport"),
    .testTarget(name: "JobQueueTests", dependencies: ["JobQueue", "TestSupport"]),
    .testTarget(name: "VerificationTests", dependencies: ["Verification"]),
    .testTarget(name: "ProvidersTests", dependencies: ["Providers"]),
    .testTarget(name: "VerifierDaemonTests", dependencies: ["JobQueue", "TestSupport"]),
    .testTarget(name: "ProviderSandboxTests", dependencies: ["ProviderSandbox"]),
  ],
  swiftLanguageModes: [.v6]
)
