# The two commands a new user needs: `make demo` and `make test`.
# Both create the virtualenv and install everything on first use.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# Where the CPU build of torch comes from. Empty: the configured index, which must serve the CPU
# wheel (this project's machines do); on the public PyPI pass PyTorch's CPU index, e.g.
#   make install TORCH_INDEX=https://download.pytorch.org/whl/cpu
TORCH_INDEX ?=
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
# The store, topic models and demo results of this checkout live in its ./var (the `voc` command
# run elsewhere uses the per-user data directory unless VOC_DATA_DIR says otherwise).
export VOC_DATA_DIR ?= $(CURDIR)/var

.PHONY: install demo test bench models serve clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	# The CPU build of torch first: an unpinned torch would pull gigabytes of CUDA.
	$(VENV)/bin/pip install -q torch==2.13.0 $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	# [ray]: the optional cluster engine (--engine ray), installed here so that its tests run in CI.
	$(VENV)/bin/pip install -q -e '.[dev,ray]'
	touch $@

demo: install
	$(VENV)/bin/voc demo

test: install
	bash scripts/test.sh

bench: install
	$(PY) -m bench.run_all

# The sentiment head and the tagger over the shipped encoder adapter (re-fine-tuning the adapter
# is training.finetune_encoder, then build_default_models --version vN without --only).
models: install
	$(PY) -m training.build_default_models --only sentiment --version v5
	$(PY) -m training.build_default_models --only tagger --version v6
	$(PY) -m training.build_flag_models --version v4

serve: install
	$(VENV)/bin/voc serve

clean:
	rm -rf var .pytest_cache
