# Two commands for a fresh machine: `make run` (the app) and `make test` (the whole suite).
.PHONY: run test bench translations exe

run:
	@DESK_WITH_XCB=1 scripts/bootstrap.sh
	.venv/bin/python -m desk

test:
	@scripts/bootstrap.sh
	.venv/bin/ruff check .
	.venv/bin/mypy
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest

bench:  # the benchmark suite: prints a table, writes bench/results.json
	@scripts/bootstrap.sh
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench

translations:
	.venv/bin/pyside6-lupdate $$(find src/desk/ui -name '*.py') -ts resources/i18n/desk_vi.ts -no-obsolete
	.venv/bin/python scripts/fill_ts.py resources/i18n/desk_vi.ts
	.venv/bin/pyside6-lrelease resources/i18n/desk_vi.ts -qm resources/i18n/desk_vi.qm
	.venv/bin/pyside6-lrelease resources/i18n/qt_vi.ts -qm resources/i18n/qt_vi.qm
	.venv/bin/pyside6-lupdate $$(find src/desk/ui -name '*.py') -ts resources/i18n/desk_en.ts -pluralonly -no-obsolete -target-language en
	.venv/bin/python scripts/fill_ts.py --plurals-en resources/i18n/desk_en.ts
	.venv/bin/pyside6-lrelease resources/i18n/desk_en.ts -qm resources/i18n/desk_en.qm

exe:  # the one-folder bundle dist/Desk (PyInstaller is in the test extra), then its self-check
	@scripts/bootstrap.sh
	.venv/bin/pyinstaller --noconfirm build.spec
	dist/Desk/Desk selfcheck --offscreen
