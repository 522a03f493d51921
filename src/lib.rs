//! rolefit finds the skills, tools, certifications, soft skills and education of a job role in
//! job postings and resumes, and scores how well each document fits the role, with the evidence
//! behind every point.
//!
//! A [`Taxonomy`] (the embedded Desktop Technician one, or your own) is compiled once into a
//! [`Matcher`]; the matcher finds concepts in text with byte spans into the original text; the
//! batch functions run it over many documents in parallel and return results in input order.
//! [`scoring`] scores a document's fit for a role or a posting, and [`pipeline`] turns one input
//! into the same [`record::Record`] the command line writes, for embedding rolefit whole.
//!
//! ```
//! use rolefit::{Matcher, Taxonomy};
//!
//! let matcher = Matcher::new(Taxonomy::embedded()).unwrap();
//! let text = "Desktop support: Windows 11 imaging, Active Directory, ServiceNow tickets.";
//! for m in matcher.extract(text) {
//!     let concept = matcher.concept(&m);
//!     assert_eq!(&text[m.span()], &text[m.start()..m.end()]);
//!     println!("{} ({}) at {:?}", concept.name, concept.kind, m.span());
//! }
//! ```
#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod batch;
pub mod document;
pub mod input;
pub mod matching;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod record;
pub mod scoring;
#[cfg(feature = "serve")]
pub mod serve;
pub mod taxonomy;

pub use crate::batch::extract_batch;
pub use crate::matching::{BuildError, Match, Matcher, MatcherOptions, Scratch};
pub use crate::taxonomy::{Concept, ConceptId, Kind, Taxonomy};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
