"""The offline commands of `newsbot`: match and parse."""
