# Shortcuts for dev.py, which needs nothing but Python 3.11+.
.PHONY: run test poll
run:
	python3 dev.py run
test:
	python3 dev.py test
poll:
	python3 dev.py poll
