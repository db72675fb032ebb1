"""Python helpers for the referral_insights dbt project."""
