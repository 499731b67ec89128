"""The prototype fast read path of the billing domain, written by hand as the template would."""
