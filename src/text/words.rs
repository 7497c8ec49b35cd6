//! Fixed words looked for in many strings.

use memchr::memmem::Finder;
use std::sync::OnceLock;

/// A few fixed words looked for in many lines or paragraphs: each word's
/// searcher is built once, where `str::find` builds one per call (building
/// it cost more than the search). Meant for `static`s.
pub struct Words {
    words: &'static [&'static str],
    finders: OnceLock<Vec<Finder<'static>>>,
}

impl Words {
    pub const fn new(words: &'static [&'static str]) -> Words {
        Words {
            words,
            finders: OnceLock::new(),
        }
    }

    fn finders(&self) -> &[Finder<'static>] {
        self.finders
            .get_or_init(|| self.words.iter().map(Finder::new).collect())
    }

    /// Whether any of the words is in `s`.
    pub fn any_in(&self, s: &str) -> bool {
        self.finders()
            .iter()
            .any(|f| f.find(s.as_bytes()).is_some())
    }

    /// Each word that is in `s`, in the words' order, with the byte offset
    /// of its first occurrence.
    pub fn found_in<'s>(&'s self, s: &'s str) -> impl Iterator<Item = (&'static str, usize)> + 's {
        self.words
            .iter()
            .zip(self.finders())
            .filter_map(move |(w, f)| Some((*w, f.find(s.as_bytes())?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_order_with_their_first_place() {
        static W: Words = Words::new(&["统计时限", "统计期限", "缺"]);
        let s = "本报告统计期限为，统计时限另见统计期限";
        let found: Vec<_> = W.found_in(s).collect();
        assert_eq!(
            found,
            vec![
                ("统计时限", s.find("统计时限").unwrap()),
                ("统计期限", s.find("统计期限").unwrap())
            ]
        );
        assert!(W.any_in(s));
        assert!(!W.any_in("无关"));
    }
}
