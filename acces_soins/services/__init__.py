"""Write paths of acces_soins: `<entity>_<action>(*, …)` functions."""
