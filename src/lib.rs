//! rolefit finds the skills, tools, certifications, soft skills and education of a job role in
//! job postings and resumes, and scores how well each document fits the role, with the evidence
//! behind every point.
//!
//! A [`Taxonomy`] (the embedded Desktop Technician one, or your own) is compiled once into a
//! [`Matcher`]; the matcher finds concepts in text with byte spans into the original text; the
//! batch functions run it over many documents (in parallel with the `parallel` feature) and
//! return results in input order. A [`Scorer`] scores a document's fit for a [`Profile`] (a
//! role of the taxonomy, a job posting or a resume) into a [`ScoreReport`], and a [`Pipeline`]
//! turns one input into the same [`Record`] the command line writes, for embedding rolefit
//! whole.
//!
//! # Extraction
//!
//! Every concept found, with its byte span in the text:
//!
//! ```
//! use rolefit::{Matcher, Taxonomy};
//!
//! let matcher = Matcher::new(Taxonomy::embedded()).unwrap();
//! let text = "Desktop support: Windows 11 imaging, Active Directory, ServiceNow tickets.";
//! let found: Vec<(&str, &str)> = matcher
//!     .extract(text)
//!     .iter()
//!     .map(|m| (matcher.concept(m).id.as_str(), &text[m.span()]))
//!     .collect();
//! assert!(found.contains(&("active-directory", "Active Directory")));
//! assert!(found.contains(&("servicenow", "ServiceNow")));
//! ```
//!
//! # Role fit
//!
//! A resume scored against the embedded taxonomy's role: each group of the role earns points
//! for the concepts the resume shows, and the report says what is missing.
//!
//! ```
//! use rolefit::{Scorer, Taxonomy, YearMonth};
//!
//! let mut scorer = Scorer::new(Taxonomy::embedded()).unwrap();
//! scorer.as_of(YearMonth::new(2025, 1)); // what "Present" means, for a reproducible score
//! let role = scorer.default_profile().unwrap();
//! let resume = "Experience\nHelp Desk Technician, 2019 - Present\n\
//!               Resolved Windows 11, Active Directory and Office 365 tickets in ServiceNow.\n\
//!               Imaged laptops with SCCM. No experience with Linux.\n";
//! let report = scorer.score_text(&role, resume);
//! assert!(report.score > 0.0 && report.score < 100.0, "{}", report.score);
//! assert!(report.groups.iter().any(|g| g.matched.iter().any(|e| e.concept == "mecm")));
//! // A denied skill is never counted as found.
//! assert!(report.negated.iter().any(|c| *c == "linux"));
//! assert_eq!(report.years.dated, Some(6.0)); // 2019 to January 2025
//! ```
//!
//! # A resume against a job posting
//!
//! A posting read as a profile (its required and preferred skills, years and level), and two
//! resumes ranked against it:
//!
//! ```
//! use rolefit::{Scorer, Taxonomy};
//!
//! let scorer = Scorer::new(Taxonomy::embedded()).unwrap();
//! let posting = scorer.posting_profile(
//!     "Desktop Support Technician\n\
//!      Requirements:\n\
//!      - 2+ years supporting Windows 11 and Active Directory\n\
//!      - Experience with Intune and ServiceNow\n\
//!      - CompTIA A+ required\n",
//! );
//! let strong = "Skills: Windows 11, Active Directory, Intune, ServiceNow. CompTIA A+ certified.";
//! let weak = "Skills: Excel, customer service.";
//! let (strong, weak) = (scorer.score_text(&posting, strong), scorer.score_text(&posting, weak));
//! assert!(strong.score > weak.score, "{} vs {}", strong.score, weak.score);
//! assert!(weak.missing_essential.iter().any(|c| *c == "microsoft-intune"));
//! assert!(!strong.missing_essential.iter().any(|c| *c == "microsoft-intune"));
//! ```
//!
//! # Features
//!
//! The default features give the whole crate: the `rolefit` binary (`cli`), the document
//! readers (`documents`: PDF, DOCX, ODT, RTF, HTML, text in any encoding, folder walks), the
//! printers (`output`), parallel batches (`parallel`) and the HTTP service (`serve`). With
//! `default-features = false` the library is taxonomy, matching, scoring, records and
//! [`Pipeline::document`] on serde, serde_json, memchr and sha2 alone; the examples above run in
//! that build. The library has no `unsafe` code (`forbid(unsafe_code)`); the crate's only `unsafe`
//! code is the `rolefit` binary's start-up arena.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod batch;
pub mod document;
pub mod input;
pub mod matching;
pub mod normalize;
#[cfg(feature = "output")]
pub mod output;
pub mod pipeline;
pub mod record;
pub mod scoring;
#[cfg(feature = "serve")]
pub mod serve;
pub mod taxonomy;

pub use crate::batch::extract_batch;
pub use crate::matching::{BuildError, Match, Matcher, MatcherOptions, Scratch};
pub use crate::pipeline::{Pipeline, Target};
pub use crate::record::Record;
pub use crate::scoring::{DocKind, Profile, ScoreReport, Scorer, YearMonth};
pub use crate::taxonomy::{Concept, ConceptId, Kind, Taxonomy};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
