//! The holder's own page (R-HOLD-1, R-HOLD-2): the key printed on a card,
//! how it is kept, and how guessing is stopped.
//!
//! A key is 8 characters of an alphabet without the letters people confuse
//! (0/O, 1/I/L): about 40 bits, printed once and kept only as an argon2id
//! hash. Online, five wrong keys lock a code for an hour and twenty lock an
//! address, so guessing one card's key would take longer than the card is
//! valid; the slow hash is for a copy of the database that left the
//! building.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Duration, Utc};

/// The characters a key is made of.
pub const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const KEY_LEN: usize = 8;
/// How far back wrong keys count, and how long a lock lasts.
pub const WINDOW: Duration = Duration::hours(1);
/// Wrong keys for one code that lock it (R-HOLD-2).
pub const PER_CODE: usize = 5;
/// Wrong keys (or unknown codes) from one address that lock the address.
pub const PER_ADDRESS: usize = 20;

/// A key from 8 random bytes (each picks a character; the alphabet's 31
/// letters make the slight bias of `% 31` irrelevant at this length).
pub fn key_from(random: [u8; KEY_LEN]) -> String {
    random
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// A key as a holder may type it: any case, with spaces or a dash in the
/// middle as it is printed. `None` when it cannot be a key.
pub fn normalise(typed: &str) -> Option<String> {
    let k: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    (k.len() == KEY_LEN && k.bytes().all(|b| ALPHABET.contains(&b))).then_some(k)
}

/// argon2id at 8 MiB and one pass: a few milliseconds each, so that 10 000
/// cards print in a minute or two, and still a million times slower to try
/// than a plain hash.
fn hasher() -> Argon2<'static> {
    let params = Params::new(8 * 1024, 1, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The stored form of a key, with its 16 random bytes of salt.
pub fn hash(key: &str, salt: [u8; 16]) -> String {
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a salt");
    hasher()
        .hash_password(key.as_bytes(), &salt)
        .expect("argon2 hashes any key")
        .to_string()
}

/// The working memory of one hash at a time, kept by a thread that hashes
/// many keys (printing 10 000 cards), so that 8 MiB is not asked of the
/// allocator and given back ten thousand times.
pub struct Scratch(Vec<argon2::Block>);

impl Default for Scratch {
    fn default() -> Self {
        let blocks = hasher().params().block_count();
        Scratch(vec![argon2::Block::default(); blocks])
    }
}

/// The same as [`hash`], in `scratch`'s memory.
pub fn hash_in(scratch: &mut Scratch, key: &str, salt: [u8; 16]) -> String {
    let h = hasher();
    let mut out = [0u8; argon2::Params::DEFAULT_OUTPUT_LEN];
    h.hash_password_into_with_memory(key.as_bytes(), &salt, &mut out, &mut scratch.0)
        .expect("argon2 hashes any key");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a salt");
    PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(Version::V0x13.into()),
        params: argon2::password_hash::ParamsString::try_from(h.params())
            .expect("the parameters print"),
        salt: Some(salt.as_salt()),
        hash: Some(argon2::password_hash::Output::new(&out).expect("32 bytes of output")),
    }
    .to_string()
}

/// Proof that a holder typed the key of one card: the only way to a
/// [`crate::policy::HolderCard`].
#[derive(Debug)]
pub struct KeyMatched(());

/// Whether `typed` (normalised) is the key hashed in `stored`.
pub fn verify(stored: &str, typed: &str) -> Option<KeyMatched> {
    let parsed = PasswordHash::new(stored).ok()?;
    hasher()
        .verify_password(typed.as_bytes(), &parsed)
        .ok()
        .map(|_| KeyMatched(()))
}

/// Spends the same time as [`verify`] when there is no card or no key, so
/// that an unknown code is not answered faster than a wrong key.
pub fn verify_nothing(typed: &str) {
    let _ = hash(typed, [0; 16]);
}

/// Whole minutes until a code or an address may try again, or `None`.
/// The failure that made five for a code (twenty for an address) within an
/// hour locks it for an hour from then; tries while locked are refused
/// before any key is looked at, so they never add to it. `code` and
/// `address` are the failures of the last two hours.
pub fn locked(
    code: &[DateTime<Utc>],
    address: &[DateTime<Utc>],
    now: DateTime<Utc>,
) -> Option<i64> {
    let wait = |times: &[DateTime<Utc>], max: usize| {
        let last = *times.iter().filter(|t| **t <= now).max()?;
        let burst = times
            .iter()
            .filter(|t| **t > last - WINDOW && **t <= last)
            .count();
        let until = last + WINDOW;
        (burst >= max && until > now).then(|| {
            let secs = (until - now).num_seconds().max(1);
            (secs + 59) / 60
        })
    };
    match (wait(code, PER_CODE), wait(address, PER_ADDRESS)) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_hold_1_a_key_is_typed_as_printed_in_any_case() {
        let k = key_from([0, 1, 2, 3, 30, 31, 62, 255]);
        assert_eq!(k.len(), KEY_LEN);
        let printed = format!("{} {}", &k[..4], &k[4..]);
        assert_eq!(normalise(&printed.to_lowercase()), Some(k.clone()));
        assert_eq!(normalise(&format!("{}-{}", &k[..4], &k[4..])), Some(k));
        // Letters the alphabet leaves out are never a key.
        assert_eq!(normalise("O0I1LABC"), None);
        assert_eq!(normalise("ABC"), None);
    }

    #[test]
    fn r_hold_1_a_hash_made_in_kept_memory_is_the_same_hash() {
        let mut scratch = Scratch::default();
        for salt in [[1; 16], [2; 16]] {
            assert_eq!(
                hash_in(&mut scratch, "ABCD2345", salt),
                hash("ABCD2345", salt)
            );
        }
    }

    #[test]
    fn r_hold_1_only_the_printed_key_matches_its_hash() {
        let stored = hash("ABCD2345", [7; 16]);
        assert!(!stored.contains("ABCD2345"));
        assert!(verify(&stored, "ABCD2345").is_some());
        assert!(verify(&stored, "ABCD2346").is_none());
        assert!(verify("not a hash", "ABCD2345").is_none());
    }

    #[test]
    fn r_hold_2_five_wrong_keys_lock_a_code_for_an_hour() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let m = |n: i64| now - Duration::minutes(n);
        let four: Vec<_> = (1..=4).map(m).collect();
        assert_eq!(locked(&four, &[], now), None);
        let five: Vec<_> = (1..=5).map(m).collect();
        // The fifth was a minute ago: locked for the hour from then.
        assert_eq!(locked(&five, &[], now), Some(59));
        // Five spread over more than an hour lock nothing.
        let spread: Vec<_> = [1, 20, 40, 60, 80].map(m).to_vec();
        assert_eq!(locked(&spread, &[], now), None);
        // Five within an hour, the fifth 50 minutes ago: 10 minutes left.
        let earlier: Vec<_> = (50..=54).map(m).collect();
        assert_eq!(locked(&earlier, &[], now), Some(10));
        let old: Vec<_> = (61..=70).map(m).collect();
        assert_eq!(locked(&old, &[], now), None, "an hour later it is open");
        let address: Vec<_> = (1..=20).map(m).collect();
        assert_eq!(locked(&[], &address, now), Some(59));
        assert_eq!(locked(&[], &address[..19], now), None);
    }
}
