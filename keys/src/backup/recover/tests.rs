use super::*;

fn remembered(password: &str, pieces: &[&str], deep: bool) -> Remembered {
    let pieces: Vec<Password> = pieces.iter().map(|piece| Password::new(*piece)).collect();
    Remembered::new(&Password::new(password), &pieces, DEFAULT_MAX_PIECES, deep).unwrap()
}

/// The candidate number of `password` and its class.
fn position(remembered: &Remembered, password: &str) -> Option<(usize, Class)> {
    remembered
        .candidates()
        .enumerate()
        .find(|(_, (_, candidate))| candidate.expose() == password)
        .map(|(at, (class, _))| (at, class))
}

fn texts(remembered: &Remembered) -> Vec<String> {
    remembered.candidates().map(|(_, password)| password.expose().to_owned()).collect()
}

#[test]
fn the_password_as_typed_comes_first_then_capitals_before_any_slip() {
    let near = remembered("wintermute", &[], false);
    let all = texts(&near);
    assert_eq!(all[0], "wintermute");
    assert_eq!(all[1], "Wintermute", "the first letter's capital is the first change");
    let last_capital = all.iter().rposition(|text| text.eq_ignore_ascii_case("wintermute")).unwrap();
    let first_edit = all
        .iter()
        .position(|text| text.len() != "wintermute".len() || !text.eq_ignore_ascii_case("wintermute"))
        .unwrap();
    assert!(last_capital < first_edit, "every capital change ({last_capital}) comes before any edit ({first_edit})");
    assert_eq!(position(&near, "WINTERMUTE").map(|(_, class)| class), Some(Class::Case));
    assert_eq!(position(&near, "WinterMute").map(|(_, class)| class), Some(Class::Case));
}

#[test]
fn one_slip_comes_before_an_ending_and_an_ending_before_any_character() {
    let near = remembered("kangaroo", &[], false);
    let at = |text: &str| position(&near, text).unwrap();
    assert_eq!(at("kangarooo").1, Class::Slip, "a letter doubled");
    assert_eq!(at("kangroo").1, Class::Slip, "a letter left out");
    assert_eq!(at("kanagroo").1, Class::Slip, "neighbours swapped");
    assert_eq!(at("kangarpo").1, Class::Slip, "a key beside it");
    assert_eq!(at("kangaroo!").1, Class::Ending);
    assert_eq!(at("Kangaroo2019").1, Class::Ending);
    assert_eq!(at("kangaro~o").1, Class::AnyCharacter);
    assert!(at("kangarpo").0 < at("kangaroo!").0 && at("kangaroo!").0 < at("kangaro~o").0);
}

#[test]
fn two_slips_only_with_deep() {
    assert_eq!(position(&remembered("kangaroo", &[], false), "kangarii"), None);
    assert_eq!(position(&remembered("kangaroo", &[], true), "kangarii").map(|(_, class)| class), Some(Class::TwoSlips));
    assert_eq!(
        position(&remembered("kangaroo", &[], true), "Kangarooo").map(|(_, class)| class),
        Some(Class::TwoSlips)
    );
}

#[test]
fn every_candidate_is_given_once_and_the_plan_counts_them() {
    for (password, pieces, deep) in
        [("Wintremute!", &[][..], true), ("aab", &[][..], true), ("", &["harbor", "2021", "!"][..], false)]
    {
        let near = remembered(password, pieces, deep);
        let all = texts(&near);
        let unique: HashSet<&String> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "{password:?}: no candidate twice");
        let planned: u64 = near.plan().iter().map(|(_, count)| count).sum();
        assert_eq!(planned, all.len() as u64, "{password:?}");
    }
}

#[test]
fn remembered_and_pieces_both_searched_remembered_first() {
    let both = remembered("blue", &["otter", "9"], false);
    let plan = both.plan();
    assert_eq!(plan.first().map(|(class, _)| *class), Some(Class::AsTyped));
    assert_eq!(plan.last().map(|(class, _)| *class), Some(Class::Pieces));
    assert!(position(&both, "9otter").is_some());
}

#[test]
fn input_that_cannot_be_searched_is_refused_before_any_try() {
    let none: [Password; 0] = [];
    assert_eq!(
        Remembered::new(&Password::empty(), &none, DEFAULT_MAX_PIECES, false).err(),
        Some(RecoverError::NothingRemembered)
    );
    let long = Password::new("x".repeat(MAX_REMEMBERED_CHARS + 1));
    assert_eq!(
        Remembered::new(&long, &none, DEFAULT_MAX_PIECES, false).err(),
        Some(RecoverError::RememberedTooLong { max: MAX_REMEMBERED_CHARS })
    );
    let many: Vec<Password> = (0..=MAX_PIECES).map(|i| Password::new(i.to_string())).collect();
    assert!(matches!(
        Remembered::new(&Password::empty(), &many, DEFAULT_MAX_PIECES, false),
        Err(RecoverError::TooManyPieces { .. })
    ));
}

#[test]
fn workers_are_bounded_by_memory_as_well_as_cores() {
    let strong = Some(ScryptParams::STRONG);
    assert_eq!(workers_for(strong, 8, Some(8 << 30)), 8);
    assert_eq!(workers_for(strong, 8, Some(512 << 20)), 2, "half of 512 MiB holds two 128 MiB tries");
    assert_eq!(workers_for(strong, 8, Some(100 << 20)), 1, "always one");
    assert_eq!(workers_for(strong, 4, None), 4);
    assert_eq!(workers_for(None, 4, Some(1)), 4, "no scrypt, no memory to speak of");
}

#[test]
fn the_remembered_text_never_prints() {
    let near = remembered("hunter2", &["piece"], false);
    let shown = format!("{near:?}");
    assert!(!shown.contains("hunter2") && !shown.contains("piece"), "{shown}");
}

/// Every recovery vector's password is a candidate of what its case remembers, early enough
/// that the full-cost test of each (tests/integration) takes seconds.
#[test]
fn every_vector_password_is_an_early_candidate() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/polkadot-js/password_recovery.json");
    let vectors: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for case in vectors["cases"].as_array().unwrap() {
        let typed = case["remembered"].as_str().unwrap_or("");
        let pieces: Vec<&str> =
            case["tokens"].as_array().map_or(Vec::new(), |tokens| tokens.iter().map(|t| t.as_str().unwrap()).collect());
        let near = remembered(typed, &pieces, false);
        let expected = case["expected_password"].as_str().unwrap();
        let (at, class) = position(&near, expected).unwrap_or_else(|| panic!("{}: not a candidate", case["id"]));
        eprintln!("{}: candidate {at} ({class:?}) of {}", case["id"], near.plan().iter().map(|(_, n)| n).sum::<u64>());
        assert!(at < 400, "{}: candidate {at}", case["id"]);
    }
}

#[test]
fn passing_over_a_resumed_search_gives_the_same_candidates_as_trying_them() {
    let near = remembered("Wintremute!", &["a", "b"], true);
    let all = texts(&near);
    let mut resumed = near.candidates();
    assert!(resumed.pass_over(100));
    assert_eq!(resumed.next().map(|(_, password)| password.expose().to_owned()).as_ref(), all.get(100));
    assert!(!near.candidates().pass_over(all.len() as u64 + 1));
}
