fn main() -> std::process::ExitCode {
    axia_signer::run()
}
