# voc-engine API service (CPU). Build: docker build -t voc-engine .
# With Ray for --engine ray (deploy/): docker build --build-arg EXTRAS=ray -t voc-engine:ray .
# Run:   docker run -p 8000:8000 -v voc-data:/data voc-engine
FROM python:3.11-slim
# Optional extras to install, e.g. "ray" (empty: the service alone).
ARG EXTRAS=""

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false \
    VOC_DATA_DIR=/data VOC_CACHE_DIR=/data/cache PIP_NO_CACHE_DIR=1

WORKDIR /app
# The CPU build of torch first, so that no CUDA wheels are pulled in.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 || pip install torch==2.13.0
COPY pyproject.toml README.md ./
COPY voc_engine ./voc_engine
COPY api ./api
COPY training ./training
COPY models ./models
RUN pip install -e ".${EXTRAS:+[$EXTRAS]}" && useradd --create-home --uid 10001 voc && mkdir -p /data && chown voc /data
USER voc
# Build the int8 ONNX encoder at start-up once (cached in the volume), then serve.
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["sh", "-c", "voc db upgrade && voc serve --host 0.0.0.0 --port 8000"]
