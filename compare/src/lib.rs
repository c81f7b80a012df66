//! Empty: the comparison lives in benches/vs_sp_core.rs.
