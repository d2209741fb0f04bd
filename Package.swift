// swift-tools-version: 6.2
import PackageDescription

/// Settings every Swift target of this package shares (sources, generated code, executables,
/// tests). Under CI (the environment variable `CI` set, as `.ci/run` runs) every warning is an
/// error, so a warning never lands; local builds keep warnings as warnings.
let swiftSettings: [SwiftSetting] =
  Context.environment["CI"] != nil ? [.treatAllWarnings(as: .error)] : []

let package = Package(
  name: "verifierd",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "verifierd", targets: ["VerifierDaemon"]),
    .executable(name: "provider-sandbox", targets: ["ProviderSandboxMain"]),
    .executable(name: "drain-benchmark", targets: ["DrainBenchmark"]),
    .executable(name: "lifecycle-benchmark", targets: ["LifecycleBenchmark"]),
    .executable(name: "demo-driver", targets: ["DemoDriver"]),
    .library(name: "JobQueue", targets: ["JobQueue"]),
    .library(name: "Verification", targets: ["Verification"]),
    .library(name: "Providers", targets: ["Providers"]),
    .library(name: "ProviderSandbox", targets: ["ProviderSandbox"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
    .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
  ],
  targets: [
    // libpq, found with pkg-config (Debian: libpq-dev).
    .systemLibrary(
      name: "CLibPQ",
      pkgConfig: "libpq",
      providers: [.apt(["libpq-dev"])]
    ),
    // All PostgreSQL: libpq in Swift, migrations, claiming, leases, LISTEN/NOTIFY.
    .target(
      name: "JobQueue",
      dependencies: [
        "CLibPQ",
        "Verification",
        .product(name: "Logging", package: "swift-log"),
      ],
      resources: [
        .embedInCode("Migrations")
      ],
      swiftSettings: swiftSettings
    ),
    // The domain, pure: states, amounts, schedules. No I/O.
    .target(name: "Verification", swiftSettings: swiftSettings),
    // Webhook deliveries to applications (docs/webhooks.md): the signature, the endpoints, the
    // retry policy, the signed POST and the delivery worker over JobQueue's outbox.
    .target(
      name: "Webhooks",
      dependencies: [
        "JobQueue",
        "Verification",
        "Providers",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings
    ),
    // Types generated from reference/finicity-ava.openapi.yaml by scripts/generate-openapi
    // (committed). Generated code lives in Generated/, apart from the hand-written Sources/.
    .target(
      name: "FinicityAPI",
      dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
      path: "Generated/FinicityAPI",
      exclude: ["openapi-generator-config.yaml"],
      swiftSettings: swiftSettings
    ),
    // HTTP clients for Finicity and Folio. No PostgreSQL.
    .target(
      name: "Providers",
      dependencies: [
        "Verification",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings
    ),
    // The local stand-in for both providers, startable in-process.
    .target(
      name: "ProviderSandbox",
      dependencies: [
        "FinicityAPI",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "ProviderSandboxMain",
      dependencies: [
        "ProviderSandbox",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),
    // sd_notify over $NOTIFY_SOCKET (readiness, status, watchdog); a no-op outside systemd.
    .target(name: "SystemdSupport", swiftSettings: swiftSettings),
    // The status pages, rendered from a JobQueue board as HTML with inline SVG (docs/status-page.md).
    .target(
      name: "StatusPage", dependencies: ["JobQueue", "Verification"], swiftSettings: swiftSettings),
    // Metrics, health endpoints and the structured log handler (no PostgreSQL of its own).
    .target(
      name: "Observability",
      dependencies: [
        "Verification",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "CoreMetrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      swiftSettings: swiftSettings
    ),
    // The daemon's configuration: the key catalogue (ranges, defaults, what SIGHUP applies),
    // loading from the file, VERIFIERD_* and credentials, and the resolved RuntimeConfiguration.
    .target(
      name: "VerifierConfiguration",
      dependencies: [
        "JobQueue",
        "Verification",
        "Providers",
        "Observability",
        "Webhooks",
        .product(name: "Configuration", package: "swift-configuration"),
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      swiftSettings: swiftSettings
    ),
    // The run loop: wires JobQueue, Verification and Providers (library, so tests run it in-process).
    .target(
      name: "VerifierRuntime",
      dependencies: [
        "JobQueue",
        "Verification",
        "Providers",
        "SystemdSupport",
        "Observability",
        "StatusPage",
        "VerifierConfiguration",
        "Webhooks",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "VerifierDaemon",
      dependencies: [
        "JobQueue",
        "VerifierConfiguration",
        "VerifierRuntime",
        "Observability",
        "SystemdSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings
    ),
    // The demo's customer and report (scripts/demo runs it next to verifierd and the sandbox).
    // What the demo's and the lifecycle benchmark's customers share: the sandbox's control API.
    .target(
      name: "DemoSupport",
      dependencies: [
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
      ],
      path: "Demo/DemoSupport",
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "DemoDriver",
      dependencies: [
        "DemoSupport",
        "JobQueue",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
      ],
      path: "Demo/DemoDriver",
      swiftSettings: swiftSettings
    ),
    // Benchmarks print figures; they are not tests (scripts/bench-drain runs this one).
    .executableTarget(
      name: "DrainBenchmark", dependencies: ["JobQueue", "Verification"],
      path: "Benchmarks/DrainBenchmark", swiftSettings: swiftSettings),
    // scripts/bench-lifecycle's client: seeds, enqueues by SQL, plays the customers, measures.
    .executableTarget(
      name: "LifecycleBenchmark",
      dependencies: [
        "DemoSupport",
        "JobQueue",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ],
      path: "Benchmarks/LifecycleBenchmark", swiftSettings: swiftSettings),
    .target(
      name: "TestSupport", dependencies: ["JobQueue", "Verification"], path: "Tests/TestSupport",
      swiftSettings: swiftSettings),
    .testTarget(
      name: "JobQueueTests",
      dependencies: [
        "JobQueue", "Verification", "TestSupport", .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "StatusPageTests", dependencies: ["StatusPage", "JobQueue", "Verification"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "VerificationTests", dependencies: ["Verification"], swiftSettings: swiftSettings),
    .testTarget(
      name: "WebhooksTests", dependencies: ["Webhooks", "JobQueue", "TestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "ProvidersTests",
      dependencies: [
        "Providers",
        "Verification",
        "ProviderSandbox",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "ProviderSandboxTests",
      dependencies: [
        "ProviderSandbox",
        "Webhooks",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "SystemdSupportTests", dependencies: ["SystemdSupport", "TestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "ObservabilityTests",
      dependencies: [
        "Observability",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "VerifierDaemonTests", dependencies: ["JobQueue", "Verification", "TestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "VerifierConfigurationTests",
      dependencies: ["VerifierConfiguration", "JobQueue", "Verification"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "VerifierRuntimeTests",
      dependencies: [
        "VerifierRuntime",
        "VerifierConfiguration",
        "JobQueue",
        "Providers",
        "ProviderSandbox",
        "TestSupport",
        "Observability",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ],
      swiftSettings: swiftSettings
    ),
  ],
  swiftLanguageModes: [.v6]
)

// libFuzzer targets (Fuzz/, run by scripts/fuzz), declared only when VERIFIERD_FUZZ is set, so
// everyday builds never see them. Each defines `LLVMFuzzerTestOneInput` and no `main`: libFuzzer's
// is linked in by `-sanitize=fuzzer` (scripts/fuzz).
if Context.environment["VERIFIERD_FUZZ"] != nil {
  let fuzzSettings = swiftSettings + [.unsafeFlags(["-parse-as-library"])]
  let fuzzTargets: [(String, [Target.Dependency])] = [
    ("FuzzAmounts", ["Verification", "Providers", "ProviderSandbox"]),
    ("FuzzFinicity", ["Providers", "Verification"]),
    ("FuzzFolio", ["Providers", "Verification"]),
    ("FuzzPGValues", ["JobQueue", "Verification"]),
    ("FuzzConfiguration", ["VerifierConfiguration"]),
    ("FuzzSandbox", ["ProviderSandbox", "Providers"]),
  ]
  package.targets.append(
    .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport", swiftSettings: swiftSettings))
  for (name, dependencies) in fuzzTargets {
    package.targets.append(
      .executableTarget(
        name: name, dependencies: ["FuzzSupport"] + dependencies, path: "Fuzz/\(name)",
        swiftSettings: fuzzSettings))
    package.products.append(.executable(name: name, targets: [name]))
  }
}
