# rnnlab without a Debian machine: the notebooks, Jupyter and the tslab kernel in a container, set up by the same
# script as on Debian (scripts/setup.sh).
#   docker build -t rnnlab .
#   docker run --rm -p 8888:8888 rnnlab            # then open the URL it prints (127.0.0.1:8888 on your machine)
#   docker run --rm rnnlab npm run handouts -- --no-pdf
FROM node:20-bookworm
WORKDIR /opt/rnnlab
COPY . .
RUN bash scripts/setup.sh --skip-smoke && rm -rf /var/lib/apt/lists/*
ENV LAB_IP=0.0.0.0
# the project's kernelspec, for `docker run rnnlab jupyter …` too (npm run lab sets it itself)
ENV JUPYTER_PATH=/opt/rnnlab/.jupyter/share/jupyter
EXPOSE 8888
CMD ["npm", "run", "lab"]
