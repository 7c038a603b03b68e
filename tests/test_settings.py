"""Settings: typed defaults, versioned upgrades, bad values fall back, stored as JSON in the user folder."""

from __future__ import annotations

import json

from briefgen.settings import SETTINGS_VERSION, Settings, load_settings, save_settings, settings_path, upgrade


def test_defaults_when_there_is_no_file(user_dir):
    settings = load_settings()
    assert settings == Settings()
    assert settings.ui_lang == "" and settings.autosave_seconds == 60 and settings.version == SETTINGS_VERSION


def test_round_trip_in_the_user_data_folder(user_dir):
    settings = Settings(ui_lang="id", author="Dit. Asia Timur", export_format="pdf")
    settings.add_recent(user_dir / "a.briefgen")
    path = save_settings(settings)
    assert path == settings_path() and path.parent == user_dir
    again = load_settings()
    assert again == settings
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == SETTINGS_VERSION


def test_version_1_file_is_upgraded(user_dir):
    settings_path().write_text(json.dumps({"version": 1, "language": "id", "recent": ["/x/a.briefgen"],
                                           "autosave_minutes": 2}), encoding="utf-8")
    settings = load_settings()
    assert settings.ui_lang == "id"
    assert settings.recent_projects == ["/x/a.briefgen"]
    assert settings.autosave_seconds == 120
    assert upgrade({"language": "en"})["ui_lang"] == "en"  # no version: treated as 1


def test_wrong_types_and_values_fall_back_to_defaults(user_dir):
    settings_path().write_text(json.dumps({"version": 2, "ui_lang": "fr", "autosave_seconds": "soon",
                                           "recent_projects": [1, 2], "max_recent": True,
                                           "export_format": "odt", "author": "Ana", "unknown": 1}),
                               encoding="utf-8")
    settings = load_settings()
    assert settings.ui_lang == "" and settings.autosave_seconds == 60 and settings.recent_projects == []
    assert settings.max_recent == 8 and settings.export_format == "both" and settings.author == "Ana"


def test_unreadable_file_gives_defaults(user_dir):
    settings_path().write_text("{not json", encoding="utf-8")
    assert load_settings() == Settings()


def test_recent_list_is_unique_newest_first_and_bounded(tmp_path):
    settings = Settings(max_recent=3)
    for name in "abcdb":
        settings.add_recent(tmp_path / f"{name}.briefgen")
    assert [p.rsplit("/", 1)[-1] for p in settings.recent_projects] == ["b.briefgen", "d.briefgen", "c.briefgen"]
