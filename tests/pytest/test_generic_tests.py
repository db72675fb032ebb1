"""Every generic test in macros/tests accepts good rows and rejects bad ones."""

import json

from warehouse import load_raw_tables, run_dbt


def test_generic_tests_pass_and_fail(tmp_path):
    load_raw_tables(tmp_path, {})
    run_dbt(
        tmp_path,
        ["build", "--select", "path:models/generic_test_cases"],
        {"generic_test_cases": True},
        expect_success=False,
    )
    run_results = json.loads((tmp_path / "target" / "run_results.json").read_text())
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())

    outcomes = {}
    for result in run_results["results"]:
        node = manifest["nodes"][result["unique_id"]]
        if node["resource_type"] == "test":
            expected = "pass" if "must_pass" in node["tags"] else "fail"
            outcomes[node["name"]] = (expected, result["status"])

    assert len(outcomes) == 7
    tested_macros = {name.split("_generic_test")[0] for name in outcomes}
    assert tested_macros == {
        "expression_is_true",
        "is_case_safe_salesforce_id",
        "unique_combination_of_columns",
    }
    for test_name, (expected, status) in outcomes.items():
        assert status == expected, f"{test_name}: expected {expected}, got {status}"
