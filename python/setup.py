"""Builds geobalance's Python module offline: setuptools drives CMake (python/CMakeLists.txt),
which compiles geobalance's C++ libraries and the pybind11 extension geobalance._core, and
copies the built-in data (../data) into the package as geobalance/data.

    python3 -m venv --system-site-packages venv && . venv/bin/activate
    pip install ./python --no-build-isolation

Environment: GEOBALANCE_PY_BUILD_DIR reuses a CMake build folder between installs;
CMAKE_CXX_COMPILER_LAUNCHER (e.g. ccache) and CMAKE_BUILD_PARALLEL_LEVEL are honoured.
"""
import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent


def project_version():
    for line in (ROOT / "CMakeLists.txt").read_text().splitlines():
        if line.startswith("project(geobalance VERSION"):
            return line.split()[2]
    raise RuntimeError("no project(geobalance VERSION ...) line in CMakeLists.txt")


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        out = pathlib.Path(self.get_ext_fullpath(ext.name)).resolve().parent
        out.mkdir(parents=True, exist_ok=True)
        build = pathlib.Path(os.environ.get("GEOBALANCE_PY_BUILD_DIR") or (pathlib.Path(self.build_temp) / "cmake")).resolve()
        build.mkdir(parents=True, exist_ok=True)
        args = [
            "cmake", "-S", str(HERE), "-B", str(build),
            "-DCMAKE_BUILD_TYPE=Release",
            f"-DGEOBALANCE_PY_OUTPUT_DIR={out}",
            f"-DPython3_EXECUTABLE={sys.executable}",
        ]
        if shutil.which("ninja"):
            args += ["-G", "Ninja"] if not (build / "CMakeCache.txt").exists() else []
        subprocess.run(args, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.run(["cmake", "--build", str(build), "--target", "_core", "-j", jobs], check=True)
        # The built-in data travels with the package; geobalance/__init__.py points the C++
        # library at it (unless GEOBALANCE_DATA_DIR is set).
        data = out / "geobalance" / "data" if (out / "geobalance").exists() else out / "data"
        if data.exists():
            shutil.rmtree(data)
        shutil.copytree(ROOT / "data", data)


setup(
    name="geobalance",
    version=project_version(),
    description="Balance-of-power measurement, forecasting and war-gaming (Python bindings)",
    packages=["geobalance"],
    ext_modules=[CMakeExtension("geobalance._core")],
    cmdclass={"build_ext": CMakeBuild},
    python_requires=">=3.9",
    install_requires=["pandas", "numpy"],
    zip_safe=False,
)
