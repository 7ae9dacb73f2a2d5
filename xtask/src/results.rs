//! Merges one scenario's figures into `bench/results.json` without losing the others.

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

/// Returns the new text of the results file: `existing` (`None` when there is no file yet)
/// with `scenario` set to `metrics`, pretty-printed with a trailing newline.
///
/// Text that is not a JSON object is an error, so a damaged file is never silently replaced.
pub fn merge(
    existing: Option<&str>,
    scenario: &str,
    metrics: Map<String, Value>,
) -> Result<String> {
    let mut scenarios = match existing {
        None => Map::new(),
        Some(text) => match serde_json::from_str(text)
            .context("the existing results are not valid JSON; fix or delete the file")?
        {
            Value::Object(scenarios) => scenarios,
            _ => bail!(
                "the existing results should be an object keyed by scenario; fix or delete the file"
            ),
        },
    };
    scenarios.insert(scenario.to_owned(), Value::Object(metrics));
    let mut text = serde_json::to_string_pretty(&Value::Object(scenarios))
        .context("could not serialise the results")?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn metrics(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            other => panic!("test metrics must be an object, got {other}"),
        }
    }

    fn parsed(text: &str) -> Value {
        serde_json::from_str(text).expect("merge writes valid JSON")
    }

    #[test]
    fn starts_a_file_when_there_is_none() {
        let text = merge(None, "local", metrics(json!({"insert_ms": 12.5}))).unwrap();
        assert_eq!(parsed(&text), json!({"local": {"insert_ms": 12.5}}));
        assert!(text.ends_with("}\n"), "trailing newline expected: {text:?}");
        assert!(
            text.contains("\n  \"local\": {"),
            "pretty-printed expected: {text}"
        );
    }

    #[test]
    fn keeps_other_scenarios() {
        let existing = r#"{"sync": {"converge_ms": 800}}"#;
        let text = merge(Some(existing), "local", metrics(json!({"insert_ms": 3}))).unwrap();
        assert_eq!(
            parsed(&text),
            json!({"sync": {"converge_ms": 800}, "local": {"insert_ms": 3}})
        );
    }

    #[test]
    fn replaces_the_same_scenario_whole() {
        let existing = r#"{"local": {"insert_ms": 9, "retired_metric": 1}, "sync": {"n": 2}}"#;
        let text = merge(Some(existing), "local", metrics(json!({"insert_ms": 4}))).unwrap();
        assert_eq!(
            parsed(&text),
            json!({"local": {"insert_ms": 4}, "sync": {"n": 2}})
        );
    }

    #[test]
    fn refuses_to_overwrite_a_corrupt_file() {
        for existing in ["{\"local\": {", "", "[1, 2]"] {
            let error = merge(Some(existing), "local", Map::new()).unwrap_err();
            assert!(
                error.to_string().contains("fix or delete the file"),
                "existing {existing:?} gave `{error:#}`"
            );
        }
    }
}
